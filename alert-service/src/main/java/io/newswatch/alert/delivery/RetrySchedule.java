package io.newswatch.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff ({@code initial}, doubling, at most
 * {@code max}) with jitter that takes up to a share of each wait off at random, so that the retries
 * of a storm spread out; a receiver's {@code Retry-After} is honoured when it asks for longer.
 * After {@code maxAttempts} attempts the delivery fails for good.
 *
 * @param initial wait after the first failed attempt
 * @param max longest wait
 * @param jitter share of a wait taken off at random, 0 to 1
 * @param maxAttempts attempts in all
 * @param maxRetryAfter longest {@code Retry-After} honoured
 */
public record RetrySchedule(
    Duration initial, Duration max, double jitter, int maxAttempts, Duration maxRetryAfter) {

  public RetrySchedule {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("retry waits must satisfy 0 <= initial <= max");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within [0, 1]");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** The wait before attempt {@code attempts + 1} without jitter, {@code attempts} ≥ 1. */
  public Duration backoff(int attempts) {
    Duration wait = initial;
    for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /**
   * The wait after {@code attempts} failed attempts, or empty when the delivery has had all its
   * attempts.
   *
   * @param retryAfter what the receiver asked for, if anything
   * @param random a number in [0, 1)
   */
  public Optional<Duration> next(
      int attempts, Optional<Duration> retryAfter, DoubleSupplier random) {
    if (attempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration backoff = backoff(attempts);
    long jittered = Math.round(backoff.toMillis() * (1 - jitter * random.getAsDouble()));
    Duration wait = Duration.ofMillis(Math.max(0, jittered));
    if (retryAfter.isPresent()) {
      Duration asked =
          retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
      if (asked.compareTo(wait) > 0) {
        wait = asked;
      }
    }
    return Optional.of(wait);
  }

  /**
   * Reads a {@code Retry-After} header: seconds, or an HTTP date.
   *
   * @return the wait it asks for from {@code now}; empty when absent or unreadable
   */
  public static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
