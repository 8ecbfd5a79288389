package io.newswatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports the feeds of an OPML file ({@code --feeds FILE.opml}) through ingest-service's {@code
 * POST /feeds/import}, as an admin, and tells what it did with each outline.
 */
final class OpmlImport {

  /** The media type ingest-service takes OPML in. */
  static final String CONTENT_TYPE = "text/x-opml";

  private OpmlImport() {}

  /** The import endpoint of an ingest-service. */
  static URI endpoint(URI ingest) {
    return ingest.resolve("/feeds/import");
  }

  /**
   * Reads an OPML file to send it.
   *
   * @throws IOException with a message for the user when it is missing, unreadable or empty
   */
  static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
    byte[] document = Files.readAllBytes(file);
    if (document.length == 0) {
      throw new IOException(file + " is empty");
    }
    return document;
  }

  /**
   * Imports the file; re-importing the same file later only reports duplicates.
   *
   * @return lines that tell what was done, for the terminal
   */
  static List<String> run(URI ingest, ApiClient admin, Path file)
      throws IOException, InterruptedException {
    JsonNode report = admin.post(endpoint(ingest), CONTENT_TYPE, read(file));
    return summary(file.getFileName().toString(), report);
  }

  /** What an import report says, in a few lines: counts, then every rejected outline and why. */
  static List<String> summary(String fileName, JsonNode report) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "feeds from %s: %d added, %d already registered, %d rejected",
            fileName,
            report.path("added").asInt(),
            report.path("duplicates").asInt(),
            report.path("rejected").asInt()));
    for (JsonNode outline : report.path("outlines")) {
      if ("rejected".equals(outline.path("outcome").asText())) {
        String url = outline.path("url").asText("");
        String title = outline.path("title").asText("");
        lines.add(
            "  rejected "
                + (url.isEmpty() ? "(no xmlUrl)" : url)
                + (title.isEmpty() ? "" : " \"" + title + "\"")
                + ": "
                + outline.path("reason").asText("no reason given"));
      }
    }
    return lines;
  }
}
