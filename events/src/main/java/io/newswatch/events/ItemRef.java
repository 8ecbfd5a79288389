package io.newswatch.events;

import static io.newswatch.events.Checks.requireText;

import java.time.Instant;

/**
 * The part of an item an alert keeps: enough to show and open it without the full text.
 *
 * @param id item id
 * @param feedId feed the item came from
 * @param sourceName human name of the source
 * @param url link to the item; null when the feed gives none
 * @param title plain-text title
 * @param publishedAt when the source published it; null when unknown
 */
public record ItemRef(
    String id, String feedId, String sourceName, String url, String title, Instant publishedAt) {

  public ItemRef {
    requireText(id, "id");
    requireText(feedId, "feedId");
    sourceName = Checks.orEmpty(sourceName);
    title = Checks.orEmpty(title);
  }

  /** The reference to a raw item. */
  public static ItemRef of(RawItem item) {
    return new ItemRef(
        item.id(), item.feedId(), item.sourceName(), item.url(), item.title(), item.publishedAt());
  }
}
