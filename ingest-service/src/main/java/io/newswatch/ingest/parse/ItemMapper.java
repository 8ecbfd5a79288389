package io.newswatch.ingest.parse;

import io.newswatch.events.ItemIds;
import io.newswatch.events.RawItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns parsed feed entries into raw item events with deterministic ids and sane dates. */
public final class ItemMapper {

  /** Nothing published before this is news to us; such dates are clock or parser errors. */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** Clocks of feed servers drift; a date further ahead than this is wrong, not early news. */
  public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

  private final int maxTextChars;

  public ItemMapper(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  /**
   * The raw item for one entry.
   *
   * @param feedId the feed's id
   * @param feedUrl the URL the feed was fetched from
   * @param sourceName the source's human name
   * @param language the feed's language, or null
   */
  public RawItem toRawItem(
      String feedId,
      String feedUrl,
      String sourceName,
      String language,
      FeedEntry entry,
      Instant fetchedAt) {
    List<String> flags = new ArrayList<>();
    String text = entry.text();
    if (text.length() > maxTextChars) {
      text = text.substring(0, maxTextChars);
      flags.add(RawItem.FLAG_TRUNCATED);
    }
    Instant published = entry.publishedAt();
    if (published != null && published.isAfter(fetchedAt.plus(FUTURE_TOLERANCE))) {
      published = fetchedAt;
      flags.add(RawItem.FLAG_DATE_CLAMPED);
    } else if (published != null && published.isBefore(EARLIEST)) {
      published = EARLIEST;
      flags.add(RawItem.FLAG_DATE_CLAMPED);
    }
    return RawItem.of(
        idOf(feedId, entry),
        feedId,
        feedUrl,
        sourceName,
        entry.link(),
        entry.title(),
        entry.summary(),
        text,
        language,
        published,
        fetchedAt,
        flags);
  }

  /**
   * Item id from the strongest evidence: guid, else normalised link, else title and date. The date
   * is the one the feed gave, before any clamping, so that the id stays the same on every poll.
   */
  public static String idOf(String feedId, FeedEntry entry) {
    if (entry.guid() != null) {
      return ItemIds.fromGuid(feedId, entry.guid());
    }
    if (entry.link() != null) {
      return ItemIds.fromLink(feedId, LinkNormalizer.normalize(entry.link()));
    }
    return ItemIds.fromTitleAndDate(feedId, entry.title(), entry.publishedAt());
  }
}
