package io.newswatch.ingest.feed;

/**
 * What one poll of a feed did.
 *
 * @param feedId the feed
 * @param status HTTP status, or null when no response came
 * @param items items in the fetched feed (after the per-fetch cap)
 * @param published items published to Kafka by this poll
 * @param alreadySeen items skipped because they were published before
 * @param error what went wrong, or null
 */
public record PollReport(
    long feedId, Integer status, int items, int published, int alreadySeen, String error) {

  static PollReport failed(long feedId, Integer status, String error) {
    return new PollReport(feedId, status, 0, 0, 0, error);
  }
}
