package io.newswatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a tag names. */
public enum TagType {
  @JsonProperty("actor")
  ACTOR,
  @JsonProperty("region")
  REGION
}
