package io.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one poll, as it changes the feed's state.
 *
 * @param kind what happened
 * @param fetchedAt when the poll started
 * @param status HTTP status of the final answer, or null
 * @param error what went wrong, or null
 * @param published items this poll published
 * @param etag the validator to store, when {@code newValidators}
 * @param lastModified the validator to store, when {@code newValidators}
 * @param newValidators whether to replace the stored validators (only once every item of the answer
 *     is published: otherwise the next poll would get 304 and lose the rest)
 * @param movedTo the feed's new URL after a permanent redirect, or null
 * @param retryAfter what the server asked us to wait, or null
 */
record PollOutcome(
    Kind kind,
    Instant fetchedAt,
    Integer status,
    String error,
    int published,
    String etag,
    String lastModified,
    boolean newValidators,
    String movedTo,
    Duration retryAfter) {

  enum Kind {
    /** 200 with every new item published, or 304. */
    SUCCESS,
    /** Anything that should be tried again later, with backoff. */
    FAILURE,
    /** 429 or 503: back off, honouring {@code Retry-After}. */
    THROTTLED,
    /** 410: the feed is disabled. */
    GONE,
    /** Not polled: the host was busy with our other fetches. */
    POSTPONED
  }

  static PollOutcome failure(Instant at, Integer status, String error, int published) {
    return new PollOutcome(
        Kind.FAILURE, at, status, error, published, null, null, false, null, null);
  }

  /** Not polled now (the host is busy with our other fetches, or the poll was interrupted). */
  static PollOutcome postponed(Instant at, String reason) {
    return new PollOutcome(Kind.POSTPONED, at, null, reason, 0, null, null, false, null, null);
  }

  /** The same outcome, noting a permanent move. */
  PollOutcome withMovedTo(String url) {
    return new PollOutcome(
        kind,
        fetchedAt,
        status,
        error,
        published,
        etag,
        lastModified,
        newValidators,
        url,
        retryAfter);
  }
}
