package io.newswatch.ingest.parse;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param title the feed's title, or an empty string
 * @param language the feed's language, or null
 * @param entries its items in document order
 */
public record ParsedFeed(String title, String language, List<FeedEntry> entries) {

  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
