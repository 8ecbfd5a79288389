package io.newswatch.alert.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one delivery attempt.
 *
 * @param kind what happened
 * @param httpStatus the receiver's status, when it answered
 * @param retryAfter how long the receiver asked us to wait ({@code Retry-After})
 * @param error why it did not succeed, in our words; null on success
 */
public record Attempt(Kind kind, Integer httpStatus, Optional<Duration> retryAfter, String error) {

  /** What happened. */
  public enum Kind {
    /** Delivered (2xx, or the SMTP server took the message). */
    DELIVERED,
    /** Not delivered; try again later. */
    RETRY,
    /** The receiver is gone for good (410): disable the channel. */
    GONE,
    /** Can never succeed as configured (e.g. the URL resolves to a private address). */
    REFUSED
  }

  public static Attempt delivered(Integer httpStatus) {
    return new Attempt(Kind.DELIVERED, httpStatus, Optional.empty(), null);
  }

  public static Attempt retry(Integer httpStatus, Optional<Duration> retryAfter, String error) {
    return new Attempt(Kind.RETRY, httpStatus, retryAfter, error);
  }
}
