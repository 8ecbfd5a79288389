package io.newswatch.ingest.feed;

import java.time.Instant;

/**
 * A feed as the API shows it, with its polling status.
 *
 * @param enabled false when paused by an admin or disabled by the server (HTTP 410)
 * @param disabledReason why the feed is not polled, or null
 * @param nextPollAt when the feed is due next (later than usual while backing off)
 * @param inBackoff true while failures lengthen the wait between polls
 * @param lastPolledBy the ingest-service instance that polled it last
 */
public record FeedView(
    long id,
    String url,
    String name,
    int pollIntervalSeconds,
    boolean enabled,
    String disabledReason,
    Instant createdAt,
    Instant lastFetchedAt,
    Instant lastSuccessAt,
    Integer lastStatus,
    String lastError,
    int consecutiveFailures,
    boolean inBackoff,
    Instant nextPollAt,
    long itemsPublished,
    String lastPolledBy) {

  static FeedView of(Feed feed) {
    return new FeedView(
        feed.id,
        feed.url,
        feed.name,
        feed.pollIntervalSeconds,
        feed.enabled,
        feed.disabledReason,
        feed.createdAt,
        feed.lastFetchedAt,
        feed.lastSuccessAt,
        feed.lastStatus,
        feed.lastError,
        feed.consecutiveFailures,
        feed.enabled && feed.consecutiveFailures > 0,
        feed.nextPollAt,
        feed.itemsPublished,
        feed.lastPolledBy);
  }
}
