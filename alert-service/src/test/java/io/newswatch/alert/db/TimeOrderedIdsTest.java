package io.newswatch.alert.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  private static TimeOrderedIds at(String instant) {
    return new TimeOrderedIds(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void anIdIsVersion7OfTheIetfVariantAndCarriesItsMillisecond() {
    UUID id = at("2026-11-22T10:15:30.123Z").get();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(TimeOrderedIds.millis(id))
        .isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z").toEpochMilli());
    // the text form starts with the time in hex, as PostgreSQL compares uuids: byte by byte
    assertThat(id.toString().replace("-", "")).startsWith("01a202c0f64b7");
  }

  @Test
  void idsOfALaterMillisecondSortAfterEarlierOnesAsTextAndAsPostgresqlComparesThem() {
    List<UUID> ids = new ArrayList<>();
    Instant start = Instant.parse("2026-11-22T10:15:30Z");
    for (int ms = 0; ms < 2_000; ms += 7) {
      ids.add(new TimeOrderedIds(Clock.fixed(start.plusMillis(ms), ZoneOffset.UTC)).get());
    }

    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
      assertThat(
              Long.compareUnsigned(
                  ids.get(i).getMostSignificantBits(), ids.get(i - 1).getMostSignificantBits()))
          .isPositive();
    }
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    TimeOrderedIds ids = at("2026-11-22T10:15:30.123Z");
    Set<UUID> made = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      made.add(ids.get());
    }

    assertThat(made).hasSize(100_000);
  }

  @Test
  void theSystemClockGivesIdsOfNow() {
    long before = System.currentTimeMillis();
    UUID id = TimeOrderedIds.system().get();

    assertThat(TimeOrderedIds.millis(id)).isBetween(before, System.currentTimeMillis());
  }

  @Test
  void aRandomUuidHasNoMillisecond() {
    assertThatThrownBy(() -> TimeOrderedIds.millis(UUID.randomUUID()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 7");
  }
}
