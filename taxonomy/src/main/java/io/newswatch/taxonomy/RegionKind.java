package io.newswatch.taxonomy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of place a region is. */
public enum RegionKind {
  COUNTRY,
  PROVINCE,
  DISTRICT,
  CITY,
  BORDER_ZONE,
  HISTORICAL_REGION;

  /** The id used in data files and tags, e.g. {@code border-zone}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind with this id. */
  public static Optional<RegionKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
