package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a feed is due next after successes, failures and throttling. */
class PollPolicyTest {

  private static final Instant NOW = Instant.parse("2026-01-15T08:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void aSuccessWaitsExactlyTheInterval() {
    PollPolicy policy = new PollPolicy(DAY, () -> 0.99);

    assertThat(policy.afterSuccess(NOW, FIVE_MINUTES)).isEqualTo(NOW.plus(FIVE_MINUTES));
  }

  @ParameterizedTest(name = "after {0} failures the wait is about {1} minutes")
  @CsvSource({"1, 10", "2, 20", "3, 40", "4, 80", "8, 1280"})
  void failuresDoubleTheWaitWithJitterOfAQuarter(int failures, long minutes) {
    Duration low =
        Duration.between(
            NOW, new PollPolicy(DAY, () -> 0.0).afterFailure(NOW, FIVE_MINUTES, failures));
    Duration high =
        Duration.between(
            NOW, new PollPolicy(DAY, () -> 0.999999).afterFailure(NOW, FIVE_MINUTES, failures));

    assertThat(low).isEqualTo(Duration.ofMinutes(minutes).multipliedBy(3).dividedBy(4));
    assertThat(high)
        .isBetween(
            Duration.ofMinutes(minutes), Duration.ofMinutes(minutes).multipliedBy(5).dividedBy(4));
  }

  @Test
  void theBackoffIsCappedAtADayHoweverManyFailures() {
    PollPolicy policy = new PollPolicy(DAY, () -> 0.999);

    assertThat(policy.afterFailure(NOW, FIVE_MINUTES, 9)).isEqualTo(NOW.plus(DAY));
    assertThat(policy.afterFailure(NOW, FIVE_MINUTES, 10_000)).isEqualTo(NOW.plus(DAY));
  }

  @Test
  void retryAfterIsHonouredButNeverShortensTheIntervalNorExceedsTheCap() {
    PollPolicy policy = new PollPolicy(DAY, () -> 0.5);

    assertThat(policy.afterRetryAfter(NOW, FIVE_MINUTES, Duration.ofHours(2)))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(policy.afterRetryAfter(NOW, FIVE_MINUTES, Duration.ofSeconds(10)))
        .isEqualTo(NOW.plus(FIVE_MINUTES));
    assertThat(policy.afterRetryAfter(NOW, FIVE_MINUTES, Duration.ofDays(30)))
        .isEqualTo(NOW.plus(DAY));
  }

  @Test
  void aPostponedPollComesBackWithinHalfAMinute() {
    assertThat(new PollPolicy(DAY, () -> 0.0).postponed(NOW)).isEqualTo(NOW.plusSeconds(10));
    assertThat(new PollPolicy(DAY, () -> 0.999).postponed(NOW))
        .isBetween(NOW.plusSeconds(29), NOW.plusSeconds(30));
  }
}
