package io.newswatch.ingest.feed;

import java.time.Instant;

/**
 * What one poll of a feed did.
 *
 * @param feedId the feed
 * @param status HTTP status, or null when no response came
 * @param items items in the fetched feed (after the per-fetch cap)
 * @param published items published to Kafka by this poll
 * @param alreadySeen items skipped because they were published before
 * @param error what went wrong, or null
 * @param truncated true when the body exceeded the size cap and was cut off
 * @param movedTo the feed's new URL after a permanent redirect, or null
 * @param nextPollAt when the feed is due next
 * @param durationMillis how long the poll took
 */
public record PollReport(
    long feedId,
    Integer status,
    int items,
    int published,
    int alreadySeen,
    String error,
    boolean truncated,
    String movedTo,
    Instant nextPollAt,
    long durationMillis) {}
