package io.newswatch.taxonomy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of actor an actor is. */
public enum ActorKind {
  ARMED_GROUP,
  STATE,
  STATE_AGENCY,
  INTERNATIONAL_ORGANISATION,
  PERSON;

  /** The id used in data files and tags, e.g. {@code armed-group}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind with this id. */
  public static Optional<ActorKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
