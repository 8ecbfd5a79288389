package io.newswatch.taxonomy;

import io.newswatch.events.TagType;
import java.util.List;

/**
 * A place: a country, province, district, city, border zone or historical region.
 *
 * @param id stable id, e.g. {@code af-badakhshan}
 * @param kind what kind of place
 * @param parents ids of the regions that contain it, the primary first; a border zone has one per
 *     country it lies in
 * @param name canonical name
 * @param coordinates where it is, or null when unknown
 * @param geonamesId its GeoNames id, or null
 * @param aliases every name it is known by
 */
public record Region(
    String id,
    RegionKind kind,
    List<String> parents,
    String name,
    Coordinates coordinates,
    String geonamesId,
    List<Alias> aliases)
    implements Entry {

  public Region {
    parents = List.copyOf(parents);
    aliases = List.copyOf(aliases);
  }

  @Override
  public TagType type() {
    return TagType.REGION;
  }

  @Override
  public String kindId() {
    return kind.id();
  }
}
