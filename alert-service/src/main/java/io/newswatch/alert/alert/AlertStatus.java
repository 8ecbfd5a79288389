package io.newswatch.alert.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an alert is in a watch officer's work: new, acknowledged, then resolved. */
public enum AlertStatus {
  @JsonProperty("new")
  NEW,
  @JsonProperty("acknowledged")
  ACKNOWLEDGED,
  @JsonProperty("resolved")
  RESOLVED;

  /** The status named as in the API ({@code new}, {@code acknowledged}, {@code resolved}). */
  static Optional<AlertStatus> fromId(String id) {
    return Arrays.stream(values())
        .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(id))
        .findFirst();
  }
}
