package io.newswatch.alert.outbox;

import io.newswatch.events.AlertEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of alerts this instance stored lately, by alert id, for the relay to publish without
 * reading them back from the database. Bounded: beyond {@code capacity} the oldest are forgotten,
 * and so are the ones another instance's relay publishes; a relay that finds no event here reads it
 * from the database. Only events the database gives back alike are kept: one whose item carries a
 * time finer than the database's microseconds is not.
 */
final class RecentAlertEvents {

  private final int capacity;
  private final Map<String, AlertEvent> events;

  RecentAlertEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.events = new LinkedHashMap<>(Math.min(capacity, 1024) * 2);
  }

  /** Keeps events to publish soon, forgetting the oldest beyond the capacity. */
  synchronized void remember(Collection<AlertEvent> appended) {
    for (AlertEvent event : appended) {
      if (storedAlike(event)) {
        events.put(event.alertId(), event);
      }
    }
    var oldest = events.values().iterator();
    while (events.size() > capacity) {
      oldest.next();
      oldest.remove();
    }
  }

  /** The event of an alert, forgotten once taken; null when not here. */
  synchronized AlertEvent take(String alertId) {
    return events.remove(alertId);
  }

  synchronized int size() {
    return events.size();
  }

  private static boolean storedAlike(AlertEvent event) {
    return microseconds(event.createdAt()) && microseconds(event.item().publishedAt());
  }

  private static boolean microseconds(Instant time) {
    return time == null || time.getNano() % 1_000 == 0;
  }
}
