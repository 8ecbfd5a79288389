package io.newswatch.events;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the event records' compact constructors. */
final class Checks {

  private Checks() {}

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static <T> T require(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
