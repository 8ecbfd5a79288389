package io.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a feed is due next: its interval after a success; exponentially longer, with jitter, after
 * consecutive failures, capped; at least what the server asked for with {@code Retry-After}.
 *
 * <p>Jitter spreads the retries of many feeds that failed together (one host down), so that they do
 * not come back at the same instant.
 */
final class PollPolicy {

  /** A poll put off because the host was busy with our other fetches comes back this soon. */
  static final Duration POSTPONE = Duration.ofSeconds(20);

  private final Duration maxBackoff;
  private final DoubleSupplier random;

  /**
   * @param maxBackoff the longest wait, however many failures
   * @param random uniform numbers in [0, 1), for jitter
   */
  PollPolicy(Duration maxBackoff, DoubleSupplier random) {
    this.maxBackoff = maxBackoff;
    this.random = random;
  }

  /** After a poll that worked (200 or 304): the interval; failures are forgotten. */
  Instant afterSuccess(Instant now, Duration interval) {
    return now.plus(interval);
  }

  /**
   * After a failure.
   *
   * @param failures consecutive failures including this one, at least 1
   * @return now plus interval × 2^failures, jittered by ±25 %, at most the cap
   */
  Instant afterFailure(Instant now, Duration interval, int failures) {
    double base = interval.toMillis() * Math.pow(2, Math.min(Math.max(failures, 1), 30));
    double jittered = base * (0.75 + 0.5 * random.getAsDouble());
    long millis = (long) Math.min(jittered, maxBackoff.toMillis());
    return now.plusMillis(Math.max(millis, interval.toMillis()));
  }

  /**
   * After 429 or 503 with {@code Retry-After}: not before the server asked, nor before the
   * interval, nor later than the cap.
   */
  Instant afterRetryAfter(Instant now, Duration interval, Duration retryAfter) {
    Duration wait = retryAfter.compareTo(interval) > 0 ? retryAfter : interval;
    return now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
  }

  /** After a poll that did not start because the host was busy: soon, a little spread. */
  Instant postponed(Instant now) {
    return now.plusMillis((long) (POSTPONE.toMillis() * (0.5 + random.getAsDouble())));
  }
}
