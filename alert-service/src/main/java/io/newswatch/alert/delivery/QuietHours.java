package io.newswatch.alert.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily span of local time in a time zone during which only flash alerts go out at once, e.g.
 * 22:00 to 07:00 in Asia/Kabul. A span that ends before it starts runs over midnight. Daylight
 * saving time is the zone's: a start or end that falls into a gap moves forward by the gap.
 *
 * @param start first quiet minute (inclusive)
 * @param end when quiet hours are over (exclusive)
 * @param zone where the clock hangs
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  public QuietHours {
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must not start when they end");
    }
  }

  /** True when {@code instant} falls into quiet hours. */
  public boolean contains(Instant instant) {
    LocalTime local = instant.atZone(zone).toLocalTime();
    return overnight()
        ? !local.isBefore(start) || local.isBefore(end)
        : !local.isBefore(start) && local.isBefore(end);
  }

  /**
   * When the quiet hours that contain {@code instant} end.
   *
   * @throws IllegalArgumentException when {@code instant} is not in quiet hours
   */
  public Instant endAfter(Instant instant) {
    if (!contains(instant)) {
      throw new IllegalArgumentException("not in quiet hours");
    }
    ZonedDateTime local = instant.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (overnight() && !local.toLocalTime().isBefore(start)) {
      day = day.plusDays(1); // after start, before midnight: they end tomorrow
    }
    return ZonedDateTime.of(day, end, zone).toInstant();
  }

  private boolean overnight() {
    return end.isBefore(start);
  }

  @Override
  public String toString() {
    return start + "–" + end + " " + zone.getId();
  }
}
