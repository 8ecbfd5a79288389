package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpmlImportTest {

  @Test
  void summarisesAnImportReportWithEveryRejectedOutlineAndItsReason() throws Exception {
    var report =
        EventJson.mapper()
            .readTree(
                """
                {"added": 2, "duplicates": 1, "rejected": 2, "outlines": [
                  {"url": "https://a.example/rss", "outcome": "added", "feedId": 1},
                  {"url": "https://b.example/rss", "outcome": "added", "feedId": 2},
                  {"url": "https://a.example/rss", "outcome": "duplicate", "feedId": 1},
                  {"url": "http://10.0.0.1/rss", "title": "Intranet", "outcome": "rejected",
                   "reason": "private address"},
                  {"outcome": "rejected", "reason": "no xmlUrl"}]}
                """);

    assertThat(OpmlImport.summary("feeds.opml", report))
        .containsExactly(
            "feeds from feeds.opml: 2 added, 1 already registered, 2 rejected",
            "  rejected http://10.0.0.1/rss \"Intranet\": private address",
            "  rejected (no xmlUrl): no xmlUrl");
  }

  @Test
  void sendsToTheImportEndpointOfIngestService() {
    assertThat(OpmlImport.endpoint(URI.create("http://127.0.0.1:8081")))
        .isEqualTo(URI.create("http://127.0.0.1:8081/feeds/import"));
    assertThat(OpmlImport.CONTENT_TYPE).isEqualTo("text/x-opml");
  }

  @Test
  void refusesAMissingOrEmptyFileBeforeAnythingStarts(@TempDir Path directory) throws Exception {
    assertThatThrownBy(() -> OpmlImport.read(directory.resolve("nope.opml")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no such file");
    Path empty = Files.createFile(directory.resolve("empty.opml"));
    assertThatThrownBy(() -> OpmlImport.read(empty))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("is empty");
    Path opml = Files.writeString(directory.resolve("ok.opml"), "<opml version=\"2.0\"/>");
    assertThat(OpmlImport.read(opml)).isNotEmpty();
  }
}
