package io.newswatch.events;

/**
 * Version of the event schema carried in every event's {@code schemaVersion} field.
 *
 * <p>Adding an optional field keeps the version; renaming or removing a field, or changing its
 * meaning, needs a new version and a new set of golden files.
 */
public final class EventSchema {

  /** The version this code writes and the highest it reads. */
  public static final int VERSION = 1;

  private EventSchema() {}

  static void check(int schemaVersion) {
    if (schemaVersion < 1 || schemaVersion > VERSION) {
      throw new IllegalArgumentException(
          "unsupported schemaVersion " + schemaVersion + " (this code reads 1.." + VERSION + ")");
    }
  }
}
