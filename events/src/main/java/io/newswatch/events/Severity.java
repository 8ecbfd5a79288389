package io.newswatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgently a watch officer should look at an item, lowest first. */
public enum Severity {
  @JsonProperty("routine")
  ROUTINE,
  @JsonProperty("priority")
  PRIORITY,
  @JsonProperty("flash")
  FLASH;

  /** True when this severity is at least {@code minimum}. */
  public boolean atLeast(Severity minimum) {
    return compareTo(minimum) >= 0;
  }
}
