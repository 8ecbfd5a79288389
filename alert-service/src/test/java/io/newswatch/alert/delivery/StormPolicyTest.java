package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alert.delivery.StormPolicy.HoldReason;
import io.newswatch.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StormPolicyTest {

  private static final StormPolicy.RateLimit FIVE_PER_15_MIN =
      new StormPolicy.RateLimit(5, Duration.ofMinutes(15));
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void theFirstNAlertsOfAWindowGoOutAndTheRestAreHeldUntilItEnds() {
    StormPolicy.Window window = null;
    int sent = 0;
    for (int i = 0; i < 100; i++) {
      StormPolicy.Decision decision =
          StormPolicy.decide(window, T0.plusSeconds(i), Severity.PRIORITY, FIVE_PER_15_MIN, null);
      window = decision.window();
      if (decision.send()) {
        sent++;
      } else {
        assertThat(decision.holdUntil()).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(decision.reason()).isEqualTo(HoldReason.RATE_LIMIT);
      }
    }
    assertThat(sent).isEqualTo(5);
  }

  @Test
  void aNewWindowStartsWithTheFirstAlertAfterTheLastEnded() {
    StormPolicy.Window full = new StormPolicy.Window(T0, 5);
    StormPolicy.Decision later =
        StormPolicy.decide(
            full, T0.plus(Duration.ofMinutes(20)), Severity.ROUTINE, FIVE_PER_15_MIN, null);
    assertThat(later.send()).isTrue();
    assertThat(later.window())
        .isEqualTo(new StormPolicy.Window(T0.plus(Duration.ofMinutes(20)), 1));
  }

  @Test
  void quietHoursHoldAllButFlashUntilTheyEnd() {
    QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("UTC"));
    Instant lateEvening = Instant.parse("2026-11-21T23:30:00Z");

    StormPolicy.Decision routine =
        StormPolicy.decide(null, lateEvening, Severity.ROUTINE, FIVE_PER_15_MIN, night);
    StormPolicy.Decision priority =
        StormPolicy.decide(null, lateEvening, Severity.PRIORITY, FIVE_PER_15_MIN, night);
    StormPolicy.Decision flash =
        StormPolicy.decide(null, lateEvening, Severity.FLASH, FIVE_PER_15_MIN, night);

    assertThat(routine.holdUntil()).contains(Instant.parse("2026-11-22T07:00:00Z"));
    assertThat(routine.reason()).isEqualTo(HoldReason.QUIET_HOURS);
    assertThat(priority.send()).isFalse();
    assertThat(flash.send()).isTrue();
    // Held alerts do not use up the window's messages.
    assertThat(routine.window().sent()).isZero();
  }

  @Test
  void flashAlertsStillCountAgainstTheRateLimit() {
    StormPolicy.Window full = new StormPolicy.Window(T0, 5);
    assertThat(
            StormPolicy.decide(full, T0.plusSeconds(1), Severity.FLASH, FIVE_PER_15_MIN, null)
                .send())
        .isFalse();
  }
}
