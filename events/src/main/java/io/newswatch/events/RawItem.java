package io.newswatch.events;

import static io.newswatch.events.Checks.orEmpty;
import static io.newswatch.events.Checks.require;
import static io.newswatch.events.Checks.requireText;

import java.time.Instant;
import java.util.List;

/**
 * A news item as ingest-service fetched it from one feed, before any classification.
 *
 * @param schemaVersion {@link EventSchema#VERSION} at the time of writing
 * @param id deterministic item id, see {@link ItemIds}; also the Kafka record key
 * @param feedId id of the feed in ingest-service
 * @param feedUrl URL the feed was fetched from
 * @param sourceName human name of the source (feed title or the name an admin gave it)
 * @param url link to the item itself; null when the feed gives none
 * @param title plain-text title, never null
 * @param summary plain-text summary or description, never null
 * @param text plain-text body when the feed carries one, never null
 * @param language BCP 47 language tag if known, else null
 * @param publishedAt when the source says it published the item; null when unknown
 * @param fetchedAt when ingest-service fetched it
 * @param flags quality remarks from ingestion, e.g. {@code date-clamped}; never null
 */
public record RawItem(
    int schemaVersion,
    String id,
    String feedId,
    String feedUrl,
    String sourceName,
    String url,
    String title,
    String summary,
    String text,
    String language,
    Instant publishedAt,
    Instant fetchedAt,
    List<String> flags) {

  /** Flag: the published date lay far in the future or before 1990 and was clamped. */
  public static final String FLAG_DATE_CLAMPED = "date-clamped";

  /** Flag: the text was cut to the size limit. */
  public static final String FLAG_TRUNCATED = "truncated";

  public RawItem {
    EventSchema.check(schemaVersion);
    requireText(id, "id");
    requireText(feedId, "feedId");
    requireText(feedUrl, "feedUrl");
    sourceName = orEmpty(sourceName);
    title = orEmpty(title);
    summary = orEmpty(summary);
    text = orEmpty(text);
    require(fetchedAt, "fetchedAt");
    flags = Checks.copy(flags);
  }

  /** The current schema version's constructor, for producers. */
  public static RawItem of(
      String id,
      String feedId,
      String feedUrl,
      String sourceName,
      String url,
      String title,
      String summary,
      String text,
      String language,
      Instant publishedAt,
      Instant fetchedAt,
      List<String> flags) {
    return new RawItem(
        EventSchema.VERSION,
        id,
        feedId,
        feedUrl,
        sourceName,
        url,
        title,
        summary,
        text,
        language,
        publishedAt,
        fetchedAt,
        flags);
  }

  /** The text of one field, for taggers and matchers that work field by field. */
  public String field(TextField field) {
    return switch (field) {
      case TITLE -> title;
      case SUMMARY -> summary;
      case TEXT -> text;
    };
  }
}
