package io.newswatch.taxonomy.load;

import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.ActorKind;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Coordinates;
import io.newswatch.taxonomy.Cue;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Region;
import io.newswatch.taxonomy.RegionKind;
import io.newswatch.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the taxonomy files into a {@link Taxonomy}, refusing data that would give wrong or
 * surprising tags: every problem is collected and reported with its file and line, so one run shows
 * everything to fix.
 */
public final class TaxonomyValidator {

  static final List<String> REGION_COLUMNS =
      List.of(
          "id", "kind", "parents", "name", "lat", "lon", "geonames", "aliases", "case_sensitive");
  static final List<String> ACTOR_COLUMNS =
      List.of("id", "kind", "parents", "affiliations", "name", "aliases", "case_sensitive");
  static final List<String> CUE_COLUMNS = List.of("id", "strength", "forms");

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,39}");

  private TaxonomyValidator() {}

  /**
   * Parses and checks the files.
   *
   * @param source where they come from, for messages
   * @param files file name to content
   * @throws TaxonomyException listing every problem
   */
  public static Taxonomy validate(
      String source, Map<String, String> files, String checksum, Clock clock) {
    List<String> problems = new ArrayList<>();
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(files.getOrDefault(TaxonomyLoader.PROPERTIES, "")));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(TaxonomyLoader.PROPERTIES + ": not a properties file");
    }
    String version = properties.getProperty("version", "").strip();
    if (!VERSION.matcher(version).matches()) {
      problems.add(
          TaxonomyLoader.PROPERTIES
              + ": version must be 1-40 letters, digits, '.', '+' or '-', was '"
              + version
              + "'");
    }
    List<Region> regions = regions(files.getOrDefault(TaxonomyLoader.REGIONS, ""), problems);
    List<Actor> actors = actors(files.getOrDefault(TaxonomyLoader.ACTORS, ""), problems);
    List<Cue> cues = cues(files.getOrDefault(TaxonomyLoader.CUES, ""), problems);
    checkRegionHierarchy(regions, problems);
    checkActorReferences(actors, problems);
    if (!problems.isEmpty()) {
      throw new TaxonomyException(source, problems);
    }
    Taxonomy.Info info =
        new Taxonomy.Info(
            version,
            properties.getProperty("description", "").strip(),
            checksum,
            source,
            Instant.now(clock));
    return new Taxonomy(info, actors, regions, cues);
  }

  private static List<Region> regions(String content, List<String> problems) {
    List<Region> regions = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Tsv.Row row : Tsv.parse(TaxonomyLoader.REGIONS, content, REGION_COLUMNS, problems)) {
      String id = row.cell(0);
      if (!checkId(row, id, ids, problems)) {
        continue;
      }
      Optional<RegionKind> kind = RegionKind.fromId(row.cell(1));
      if (kind.isEmpty()) {
        problems.add(row.where() + ": unknown kind '" + row.cell(1) + "' of region " + id);
        continue;
      }
      Coordinates coordinates = coordinates(row, row.cell(4), row.cell(5), problems);
      String name = row.cell(3);
      if (name.isEmpty()) {
        problems.add(row.where() + ": region " + id + " has no name");
      }
      List<Alias> aliases = aliases(row, id, row.cell(7), row.cell(8), problems);
      String geonames = row.cell(6);
      if (!geonames.isEmpty() && !geonames.matches("[0-9]+")) {
        problems.add(row.where() + ": geonames id of " + id + " must be digits");
      }
      regions.add(
          new Region(
              id,
              kind.get(),
              Tsv.list(row.cell(2), ","),
              name,
              coordinates,
              geonames.isEmpty() ? null : geonames,
              aliases));
    }
    return regions;
  }

  private static List<Actor> actors(String content, List<String> problems) {
    List<Actor> actors = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Tsv.Row row : Tsv.parse(TaxonomyLoader.ACTORS, content, ACTOR_COLUMNS, problems)) {
      String id = row.cell(0);
      if (!checkId(row, id, ids, problems)) {
        continue;
      }
      Optional<ActorKind> kind = ActorKind.fromId(row.cell(1));
      if (kind.isEmpty()) {
        problems.add(row.where() + ": unknown kind '" + row.cell(1) + "' of actor " + id);
        continue;
      }
      List<String> affiliations = Tsv.list(row.cell(3), ",");
      if (!affiliations.isEmpty() && kind.get() != ActorKind.PERSON) {
        problems.add(
            row.where() + ": only persons have affiliations; " + id + " is " + row.cell(1));
      }
      if (row.cell(4).isEmpty()) {
        problems.add(row.where() + ": actor " + id + " has no name");
      }
      actors.add(
          new Actor(
              id,
              kind.get(),
              Tsv.list(row.cell(2), ","),
              affiliations,
              row.cell(4),
              aliases(row, id, row.cell(5), row.cell(6), problems)));
    }
    return actors;
  }

  private static List<Cue> cues(String content, List<String> problems) {
    List<Cue> cues = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Tsv.Row row : Tsv.parse(TaxonomyLoader.CUES, content, CUE_COLUMNS, problems)) {
      String id = row.cell(0);
      if (!checkId(row, id, ids, problems)) {
        continue;
      }
      Cue.Strength strength;
      try {
        strength = Cue.Strength.valueOf(row.cell(1).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(row.where() + ": strength of cue " + id + " must be strong or weak");
        continue;
      }
      List<String> forms = Tsv.list(row.cell(2), "|");
      if (forms.isEmpty()) {
        problems.add(row.where() + ": cue " + id + " has no forms");
      }
      for (String form : forms) {
        if (Alias.of(form, false, false).key().isEmpty()) {
          problems.add(row.where() + ": form '" + form + "' of cue " + id + " has no words");
        }
      }
      cues.add(new Cue(id, strength, forms));
    }
    return cues;
  }

  private static boolean checkId(Tsv.Row row, String id, Set<String> ids, List<String> problems) {
    if (!ID.matcher(id).matches()) {
      problems.add(
          row.where() + ": id '" + id + "' must be lower-case letters and digits joined by '-'");
      return false;
    }
    if (!ids.add(id)) {
      problems.add(row.where() + ": duplicate id " + id);
      return false;
    }
    return true;
  }

  private static Coordinates coordinates(
      Tsv.Row row, String lat, String lon, List<String> problems) {
    if (lat.isEmpty() && lon.isEmpty()) {
      return null;
    }
    try {
      double la = Double.parseDouble(lat);
      double lo = Double.parseDouble(lon);
      if (la < -90 || la > 90 || lo < -180 || lo > 180) {
        problems.add(row.where() + ": coordinates out of range: " + lat + ", " + lon);
        return null;
      }
      return new Coordinates(la, lo);
    } catch (NumberFormatException e) {
      problems.add(row.where() + ": lat and lon must both be decimal degrees or both empty");
      return null;
    }
  }

  private static List<Alias> aliases(
      Tsv.Row row, String id, String insensitive, String sensitive, List<String> problems) {
    List<Alias> aliases = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    for (String text : Tsv.list(insensitive, "|")) {
      boolean weak = text.startsWith("~");
      add(
          row,
          id,
          Alias.of(weak ? text.substring(1).strip() : text, false, weak),
          keys,
          aliases,
          problems);
    }
    for (String text : Tsv.list(sensitive, "|")) {
      if (text.startsWith("~")) {
        problems.add(
            row.where() + ": case-sensitive alias '" + text + "' of " + id + " cannot be weak");
        continue;
      }
      if (text.chars().noneMatch(Character::isUpperCase)) {
        problems.add(
            row.where()
                + ": case-sensitive alias '"
                + text
                + "' of "
                + id
                + " has no upper-case letter; list it among the aliases");
        continue;
      }
      add(row, id, Alias.of(text, true, false), keys, aliases, problems);
    }
    if (aliases.isEmpty()) {
      problems.add(row.where() + ": " + id + " has no aliases, so it could never be tagged");
    }
    return aliases;
  }

  private static void add(
      Tsv.Row row,
      String id,
      Alias alias,
      Map<String, String> keys,
      List<Alias> aliases,
      List<String> problems) {
    if (alias.key().isEmpty()) {
      problems.add(row.where() + ": alias '" + alias.text() + "' of " + id + " has no words");
      return;
    }
    String mapKey = (alias.caseSensitive() ? "cs:" : "") + alias.key();
    String earlier = keys.putIfAbsent(mapKey, alias.text());
    if (earlier != null) {
      problems.add(
          row.where()
              + ": alias '"
              + alias.text()
              + "' of "
              + id
              + " is the same as '"
              + earlier
              + "' after normalisation");
      return;
    }
    aliases.add(alias);
  }

  private static void checkRegionHierarchy(List<Region> regions, List<String> problems) {
    Map<String, Region> byId = new LinkedHashMap<>();
    regions.forEach(r -> byId.put(r.id(), r));
    for (Region region : regions) {
      if (region.kind() == RegionKind.COUNTRY && !region.parents().isEmpty()) {
        problems.add(TaxonomyLoader.REGIONS + ": country " + region.id() + " cannot have parents");
      }
      if (region.kind() != RegionKind.COUNTRY
          && region.kind() != RegionKind.HISTORICAL_REGION
          && region.parents().isEmpty()) {
        problems.add(
            TaxonomyLoader.REGIONS
                + ": "
                + region.kind().id()
                + " "
                + region.id()
                + " needs a parent");
      }
      for (String parentId : region.parents()) {
        Region parent = byId.get(parentId);
        if (parent == null) {
          problems.add(
              TaxonomyLoader.REGIONS
                  + ": parent '"
                  + parentId
                  + "' of "
                  + region.id()
                  + " does not exist");
          continue;
        }
        if (!allowedParent(region.kind(), parent.kind())) {
          problems.add(
              TaxonomyLoader.REGIONS
                  + ": a "
                  + region.kind().id()
                  + " ("
                  + region.id()
                  + ") cannot lie in a "
                  + parent.kind().id()
                  + " ("
                  + parentId
                  + ")");
        }
      }
    }
    checkCycles(byId, problems, TaxonomyLoader.REGIONS);
  }

  private static boolean allowedParent(RegionKind child, RegionKind parent) {
    return switch (child) {
      case COUNTRY -> false;
      case PROVINCE -> parent == RegionKind.COUNTRY;
      case DISTRICT -> parent == RegionKind.PROVINCE || parent == RegionKind.HISTORICAL_REGION;
      case CITY -> parent != RegionKind.CITY && parent != RegionKind.BORDER_ZONE;
      case BORDER_ZONE, HISTORICAL_REGION -> true;
    };
  }

  private static void checkActorReferences(List<Actor> actors, List<String> problems) {
    Map<String, Actor> byId = new LinkedHashMap<>();
    actors.forEach(a -> byId.put(a.id(), a));
    for (Actor actor : actors) {
      for (String parent : actor.parents()) {
        if (!byId.containsKey(parent)) {
          problems.add(
              TaxonomyLoader.ACTORS
                  + ": parent '"
                  + parent
                  + "' of "
                  + actor.id()
                  + " does not exist");
        }
      }
      for (String affiliation : actor.affiliations()) {
        Actor group = byId.get(affiliation);
        if (group == null) {
          problems.add(
              TaxonomyLoader.ACTORS
                  + ": affiliation '"
                  + affiliation
                  + "' of "
                  + actor.id()
                  + " does not exist");
        } else if (group.kind() == ActorKind.PERSON) {
          problems.add(
              TaxonomyLoader.ACTORS
                  + ": "
                  + actor.id()
                  + " cannot be affiliated with a"
                  + " person ("
                  + affiliation
                  + ")");
        }
      }
    }
    checkCycles(byId, problems, TaxonomyLoader.ACTORS);
  }

  private static void checkCycles(
      Map<String, ? extends Entry> byId, List<String> problems, String file) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    for (String id : byId.keySet()) {
      if (cycleFrom(id, byId, state)) {
        problems.add(file + ": " + id + " is its own ancestor (a cycle of parents)");
        return;
      }
    }
  }

  private static boolean cycleFrom(
      String id, Map<String, ? extends Entry> byId, Map<String, Integer> state) {
    Integer s = state.get(id);
    if (s != null) {
      return s == 1;
    }
    state.put(id, 1);
    Entry entry = byId.get(id);
    if (entry != null) {
      for (String parent : entry.parents()) {
        if (cycleFrom(parent, byId, state)) {
          return true;
        }
      }
    }
    state.put(id, 2);
    return false;
  }
}
