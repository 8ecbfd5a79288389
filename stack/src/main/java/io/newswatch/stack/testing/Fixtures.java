package io.newswatch.stack.testing;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Evidence;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events for tests: each with a fresh id, so that tests sharing a broker never see each other's.
 */
public final class Fixtures {

  private static final Instant FETCHED = Instant.parse("2026-01-15T08:00:00Z");

  private Fixtures() {}

  /** A fresh, valid item id. */
  public static String newItemId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** A raw item with a fresh id and the given title, other text fields empty. */
  public static RawItem rawItem(String title) {
    return rawItem(title, "");
  }

  /** A raw item with a fresh id, title and summary. */
  public static RawItem rawItem(String title, String summary) {
    String id = newItemId();
    return RawItem.of(
        id,
        "1",
        "https://news.example.org/rss",
        "Example Desk",
        "https://news.example.org/" + id,
        title,
        summary,
        "",
        "en",
        null,
        FETCHED,
        List.of());
  }

  /**
   * A raw item with a fresh id as feed {@code feedId} (at {@code https://feed<id>.example.org/rss},
   * named {@code Feed <id>}) carries it: for copies of one story from several feeds.
   */
  public static RawItem fromFeed(
      String feedId, String url, String title, String summary, Instant fetchedAt) {
    return RawItem.of(
        newItemId(),
        feedId,
        "https://feed" + feedId + ".example.org/rss",
        "Feed " + feedId,
        url,
        title,
        summary,
        "",
        "en",
        null,
        fetchedAt,
        List.of());
  }

  /** The raw item classified with the given tags. */
  public static ClassifiedItem classified(RawItem item, Severity severity, Tag... tags) {
    return ClassifiedItem.of(
        item, List.of(tags), severity, List.of(), "test", FETCHED.plusSeconds(1));
  }

  /** The ISKP actor tag, found at the given span of the title. */
  public static Tag iskpInTitle(int start, int end, String text) {
    return new Tag(
        TagType.ACTOR,
        "iskp",
        "Islamic State Khorasan Province",
        "armed-group",
        0.9,
        false,
        List.of(new Evidence(TextField.TITLE, start, end, text)));
  }
}
