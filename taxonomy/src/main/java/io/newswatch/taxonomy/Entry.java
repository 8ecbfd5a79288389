package io.newswatch.taxonomy;

import io.newswatch.events.TagType;
import java.util.List;

/** An actor or a region of the taxonomy: what a tag can name. */
public sealed interface Entry permits Actor, Region {

  /** Actor or region. */
  TagType type();

  /** Stable id, unique within its type. */
  String id();

  /** Canonical name. */
  String name();

  /** Kind as shown in tags, e.g. {@code armed-group}, {@code province}. */
  String kindId();

  /** Ids of the entries that contain it or that it belongs to (ISKP: islamic-state). */
  List<String> parents();

  /** Every name it is known by. */
  List<Alias> aliases();
}
