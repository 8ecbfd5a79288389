package io.newswatch.taxonomy;

import io.newswatch.events.TagType;
import io.newswatch.taxonomy.text.TextNormalizer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The curated actors, regions and event cues, immutable once loaded, with the look-ups that the
 * classifier and alert-service share: aliases by normalised term, ancestors and descendants.
 *
 * <p>Load it with {@link io.newswatch.taxonomy.load.TaxonomyLoader}.
 */
public final class Taxonomy {

  private final Info info;
  private final Map<String, Actor> actors;
  private final Map<String, Region> regions;
  private final List<Cue> cues;
  private final Map<String, List<AliasRef>> byKey;
  private final Map<String, List<String>> regionChildren;
  private final Map<String, List<String>> actorChildren;
  private final Map<Entry, List<Entry>> ancestors = new IdentityHashMap<>();

  /**
   * Where a taxonomy came from.
   *
   * @param version the version its data declares, e.g. {@code 2026.11.1}; carried by every tag
   * @param description what it covers
   * @param checksum SHA-256 of its files (first 16 hex digits), to tell two loads apart
   * @param source {@code classpath:default} or the directory it was read from
   * @param loadedAt when it was loaded
   */
  public record Info(
      String version, String description, String checksum, String source, Instant loadedAt) {}

  /** A taxonomy from validated parts; use the loader, which validates. */
  public Taxonomy(Info info, List<Actor> actors, List<Region> regions, List<Cue> cues) {
    this.info = info;
    this.actors = index(actors);
    this.regions = index(regions);
    this.cues = List.copyOf(cues);
    Map<String, List<AliasRef>> keys = new HashMap<>();
    for (Entry entry : entries()) {
      for (Alias alias : entry.aliases()) {
        keys.computeIfAbsent(alias.key(), k -> new ArrayList<>()).add(new AliasRef(entry, alias));
      }
    }
    keys.replaceAll((k, v) -> List.copyOf(v));
    this.byKey = Map.copyOf(keys);
    this.regionChildren = children(regions);
    this.actorChildren = children(actors);
    // Classification asks for ancestors of every candidate of every mention: compute them once.
    for (Entry entry : entries()) {
      ancestors.put(entry, computeAncestors(entry));
    }
  }

  private static <E extends Entry> Map<String, E> index(List<E> entries) {
    Map<String, E> map = new LinkedHashMap<>();
    entries.forEach(e -> map.put(e.id(), e));
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, List<String>> children(List<? extends Entry> entries) {
    Map<String, List<String>> children = new HashMap<>();
    for (Entry entry : entries) {
      for (String parent : entry.parents()) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry.id());
      }
    }
    children.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(children);
  }

  /** Version, source and checksum. */
  public Info info() {
    return info;
  }

  /** The version every classification reports. */
  public String version() {
    return info.version();
  }

  /** All actors, in file order. */
  public List<Actor> actors() {
    return List.copyOf(actors.values());
  }

  /** All regions, in file order. */
  public List<Region> regions() {
    return List.copyOf(regions.values());
  }

  /** All event cues. */
  public List<Cue> cues() {
    return cues;
  }

  /** Actors and regions. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>(actors.values());
    all.addAll(regions.values());
    return all;
  }

  /** The actor with this id. */
  public Optional<Actor> actor(String id) {
    return Optional.ofNullable(actors.get(id));
  }

  /** The region with this id. */
  public Optional<Region> region(String id) {
    return Optional.ofNullable(regions.get(id));
  }

  /** The actor or region with this id. */
  public Optional<Entry> entry(TagType type, String id) {
    return Optional.ofNullable(type == TagType.ACTOR ? actors.get(id) : regions.get(id));
  }

  /**
   * The entries that have an alias equal to {@code term} after normalisation, with that alias. The
   * look-up ignores case even for case-sensitive aliases, since people type "iskp" for ISKP; a term
   * naming several entries ("Kunduz": province, city, district) returns each.
   */
  public List<AliasRef> lookup(String term) {
    String key = TextNormalizer.key(term);
    return byKey.getOrDefault(key, List.of());
  }

  /** Every distinct alias key with the entries it names; for building matchers. */
  public Map<String, List<AliasRef>> aliasesByKey() {
    return byKey;
  }

  /**
   * The entries {@code entry} lies in or belongs to, nearest first, each once: for Fayzabad,
   * Badakhshan then Afghanistan; for ISKP, Islamic State. Affiliations of persons are not included.
   */
  public List<Entry> ancestors(Entry entry) {
    List<Entry> known = ancestors.get(entry);
    return known != null ? known : computeAncestors(entry);
  }

  private List<Entry> computeAncestors(Entry entry) {
    Set<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(entry.parents());
    List<Entry> ancestors = new ArrayList<>();
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!seen.add(id)) {
        continue;
      }
      entry(entry.type(), id)
          .ifPresent(
              parent -> {
                ancestors.add(parent);
                queue.addAll(parent.parents());
              });
    }
    return List.copyOf(ancestors);
  }

  /**
   * Ids of every region inside the region {@code id} (districts and cities of a province, all of a
   * country), not including itself; empty for an unknown id.
   */
  public Set<String> descendants(TagType type, String id) {
    Map<String, List<String>> children = type == TagType.ACTOR ? actorChildren : regionChildren;
    Set<String> found = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(children.getOrDefault(id, List.of()));
    while (!queue.isEmpty()) {
      String child = queue.poll();
      if (found.add(child)) {
        queue.addAll(children.getOrDefault(child, List.of()));
      }
    }
    return found;
  }

  /**
   * True when {@code id} is {@code ancestorId} or lies inside it: {@code isWithin(REGION,
   * "af-kunduz-city", "af")} is true. This is how a filter {@code region:Afghanistan} matches an
   * item tagged Kunduz.
   */
  public boolean isWithin(TagType type, String id, String ancestorId) {
    if (id.equals(ancestorId)) {
      return true;
    }
    return entry(type, id)
        .map(e -> ancestors(e).stream().anyMatch(a -> a.id().equals(ancestorId)))
        .orElse(false);
  }
}
