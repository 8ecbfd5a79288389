package io.newswatch.ingest.feed;

import java.time.Instant;

/** A feed as the API shows it, with its polling status. */
public record FeedView(
    long id,
    String url,
    String name,
    Instant createdAt,
    Instant lastFetchedAt,
    Integer lastStatus,
    String lastError,
    int consecutiveFailures,
    long itemsPublished) {

  static FeedView of(Feed feed) {
    return new FeedView(
        feed.id,
        feed.url,
        feed.name,
        feed.createdAt,
        feed.lastFetchedAt,
        feed.lastStatus,
        feed.lastError,
        feed.consecutiveFailures,
        feed.itemsPublished);
  }
}
