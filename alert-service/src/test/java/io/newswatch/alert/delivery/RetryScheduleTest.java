package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule schedule =
      new RetrySchedule(
          Duration.ofSeconds(10), Duration.ofMinutes(5), 0.2, 5, Duration.ofMinutes(30));

  @Test
  void backoffDoublesUpToTheMaximum() {
    assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(schedule.backoff(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(schedule.backoff(6)).isEqualTo(Duration.ofMinutes(5));
    assertThat(schedule.backoff(60)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void jitterTakesUpToItsShareOffTheWait() {
    assertThat(schedule.next(2, Optional.empty(), () -> 0.0)).contains(Duration.ofSeconds(20));
    assertThat(schedule.next(2, Optional.empty(), () -> 0.5)).contains(Duration.ofSeconds(18));
    assertThat(schedule.next(2, Optional.empty(), () -> 0.9999).orElseThrow())
        .isGreaterThanOrEqualTo(Duration.ofSeconds(16))
        .isLessThan(Duration.ofSeconds(17));
  }

  @Test
  void aLongerRetryAfterWinsAndIsCapped() {
    assertThat(schedule.next(1, Optional.of(Duration.ofSeconds(90)), () -> 0.0))
        .contains(Duration.ofSeconds(90));
    assertThat(schedule.next(1, Optional.of(Duration.ofSeconds(1)), () -> 0.0))
        .contains(Duration.ofSeconds(10));
    assertThat(schedule.next(1, Optional.of(Duration.ofDays(2)), () -> 0.0))
        .contains(Duration.ofMinutes(30));
  }

  @Test
  void afterTheLastAttemptThereIsNoNext() {
    assertThat(schedule.next(4, Optional.empty(), () -> 0.0)).isPresent();
    assertThat(schedule.next(5, Optional.empty(), () -> 0.0)).isEmpty();
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    assertThat(RetrySchedule.retryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetrySchedule.retryAfter(" 7 ", now)).contains(Duration.ofSeconds(7));
    assertThat(RetrySchedule.retryAfter("Sat, 21 Nov 2026 10:05:00 GMT", now))
        .contains(Duration.ofMinutes(5));
    assertThat(RetrySchedule.retryAfter("Sat, 21 Nov 2026 09:00:00 GMT", now))
        .contains(Duration.ZERO);
    assertThat(RetrySchedule.retryAfter("soon", now)).isEmpty();
    assertThat(RetrySchedule.retryAfter("", now)).isEmpty();
    assertThat(RetrySchedule.retryAfter(null, now)).isEmpty();
    assertThat(RetrySchedule.retryAfter("99999999999999999999", now)).isEmpty();
  }
}
