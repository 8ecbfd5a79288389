package io.newswatch.alert.db;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * UUIDs of version 7 (RFC 9562): the Unix time in milliseconds in the first 48 bits, then 74 random
 * bits. For the keys of rows written in large numbers (alerts, stories): an id made now sorts after
 * the ids made before, so its B-tree entries go to the right-hand pages of their indexes, which are
 * in memory and were changed a moment ago, instead of a random page of the whole index each (read,
 * dirtied, and written to the WAL whole once after every checkpoint). The ids stay as hard to guess
 * as random ones for anyone who does not know the millisecond, which an alert's creation time tells
 * anyway.
 */
public final class TimeOrderedIds implements Supplier<UUID> {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TimeOrderedIds SYSTEM = new TimeOrderedIds(Clock.systemUTC());

  private final Clock clock;

  /** Ids stamped with the clock's time. */
  public TimeOrderedIds(Clock clock) {
    this.clock = clock;
  }

  /** Ids stamped with the system clock. */
  public static TimeOrderedIds system() {
    return SYSTEM;
  }

  /** A new id. */
  @Override
  public UUID get() {
    long millis = clock.millis();
    if (millis < 0 || millis >>> 48 != 0) {
      throw new IllegalStateException("the clock is outside what a UUID v7 holds: " + millis);
    }
    long randomA = RANDOM.nextLong();
    long randomB = RANDOM.nextLong();
    // 48 bits of time, version 7, 12 random bits | variant 0b10, 62 random bits
    long high = millis << 16 | 0x7000L | randomA & 0x0FFFL;
    long low = randomB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /** The millisecond an id of this kind was made in. */
  public static long millis(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("not a UUID of version 7: " + id);
    }
    return id.getMostSignificantBits() >>> 16;
  }
}
