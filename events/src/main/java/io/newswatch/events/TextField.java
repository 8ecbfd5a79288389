package io.newswatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The text fields of an item that evidence and matches point into. */
public enum TextField {
  @JsonProperty("title")
  TITLE,
  @JsonProperty("summary")
  SUMMARY,
  @JsonProperty("text")
  TEXT
}
