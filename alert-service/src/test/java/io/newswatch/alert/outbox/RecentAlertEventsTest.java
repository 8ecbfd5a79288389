package io.newswatch.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.ItemRef;
import io.newswatch.events.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAlertEventsTest {

  private static final Instant CREATED = Instant.parse("2026-11-22T01:00:00.123456Z");

  private static AlertEvent event(String alertId, Instant createdAt, Instant publishedAt) {
    return AlertEvent.of(
        alertId,
        "subscription-1",
        "ISKP",
        "officer",
        new ItemRef("item-1", "feed-1", "Wire", "https://news.example.org/1", "t", publishedAt),
        Severity.ROUTINE,
        List.of(),
        List.of(),
        createdAt);
  }

  private static AlertEvent event(String alertId) {
    return event(alertId, CREATED, null);
  }

  @Test
  void givesEachRememberedEventOnce() {
    RecentAlertEvents recent = new RecentAlertEvents(10);
    AlertEvent a = event("a");

    recent.remember(List.of(a, event("b")));

    assertThat(recent.take("a")).isSameAs(a);
    assertThat(recent.take("a")).isNull();
    assertThat(recent.take("unknown")).isNull();
    assertThat(recent.size()).isEqualTo(1);
  }

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    RecentAlertEvents recent = new RecentAlertEvents(3);

    recent.remember(List.of(event("a"), event("b")));
    recent.remember(List.of(event("c"), event("d"), event("e")));

    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.take("a")).isNull();
    assertThat(recent.take("b")).isNull();
    assertThat(recent.take("c")).isNotNull();
    assertThat(recent.take("e")).isNotNull();
  }

  @Test
  void keepsNoEventWhoseTimesTheDatabaseWouldRound() {
    RecentAlertEvents recent = new RecentAlertEvents(10);
    Instant nanos = Instant.parse("2026-11-22T01:00:00.123456789Z");

    recent.remember(
        List.of(
            event("created-in-nanoseconds", nanos, null),
            event("published-in-nanoseconds", CREATED, nanos),
            event("microseconds", CREATED, CREATED)));

    assertThat(recent.take("created-in-nanoseconds")).isNull();
    assertThat(recent.take("published-in-nanoseconds")).isNull();
    assertThat(recent.take("microseconds")).isNotNull();
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new RecentAlertEvents(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
