package io.newswatch.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parses JSON Feed 1.0 and 1.1 (jsonfeed.org) into plain-text entries. */
final class JsonFeedParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeedParser() {}

  static ParsedFeed parse(byte[] body) throws FeedParseException {
    JsonNode feed;
    try {
      feed = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new FeedParseException(
          "not a readable JSON Feed: malformed JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
          e);
    } catch (IOException e) {
      throw new FeedParseException("not a readable JSON Feed: unreadable JSON", e);
    }
    if (feed == null || !feed.isObject()) {
      throw new FeedParseException("not a readable JSON Feed: the document is not an object", null);
    }
    if (!feed.path("version").asText("").startsWith("https://jsonfeed.org/version/1")) {
      throw new FeedParseException(
          "not a readable JSON Feed: no jsonfeed.org version 1 declared", null);
    }
    JsonNode items = feed.path("items");
    if (!items.isArray()) {
      throw new FeedParseException("not a readable JSON Feed: items is not a list", null);
    }
    List<FeedEntry> entries = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (item.isObject()) {
        entries.add(entry(item));
      }
    }
    return new ParsedFeed(
        Html.plain(text(feed, "title")), blankToNull(text(feed, "language")), entries);
  }

  private static FeedEntry entry(JsonNode item) {
    String contentText = text(item, "content_text");
    String content = contentText != null ? contentText : text(item, "content_html");
    String published = text(item, "date_published");
    return new FeedEntry(
        blankToNull(text(item, "id")),
        blankToNull(text(item, "url")),
        Html.plain(text(item, "title")),
        Html.plain(text(item, "summary")),
        Html.plain(content),
        date(published != null ? published : text(item, "date_modified")));
  }

  /** A string or number member as text; null when absent or of another type. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
  }

  private static Instant date(String rfc3339) {
    if (rfc3339 == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339.strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
