package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private static final ZoneId KABUL = ZoneId.of("Asia/Kabul"); // UTC+4:30, no DST

  @Test
  void overnightQuietHoursSpanMidnightInTheirZone() {
    QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), KABUL);

    assertThat(night.contains(Instant.parse("2026-11-21T17:30:00Z"))).isTrue(); // 22:00 Kabul
    assertThat(night.contains(Instant.parse("2026-11-21T17:29:00Z"))).isFalse(); // 21:59
    assertThat(night.contains(Instant.parse("2026-11-21T20:00:00Z"))).isTrue(); // 00:30
    assertThat(night.contains(Instant.parse("2026-11-22T02:30:00Z"))).isFalse(); // 07:00
    assertThat(night.endAfter(Instant.parse("2026-11-21T18:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-22T02:30:00Z"));
    assertThat(night.endAfter(Instant.parse("2026-11-21T22:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-22T02:30:00Z"));
  }

  @Test
  void daytimeQuietHoursEndTheSameDay() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));
    assertThat(lunch.contains(Instant.parse("2026-11-21T12:30:00Z"))).isTrue();
    assertThat(lunch.contains(Instant.parse("2026-11-21T13:00:00Z"))).isFalse();
    assertThat(lunch.endAfter(Instant.parse("2026-11-21T12:30:00Z")))
        .isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
    assertThatThrownBy(() -> lunch.endAfter(Instant.parse("2026-11-21T14:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEndInADaylightSavingGapMovesForward() {
    // Berlin skips 02:00-03:00 on 2026-03-29: quiet hours ending at 02:30 end at 03:30 CEST.
    QuietHours night =
        new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertThat(night.endAfter(Instant.parse("2026-03-28T23:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void startAndEndMustDiffer() {
    assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, KABUL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
