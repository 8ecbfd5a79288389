package io.newswatch.classify.taxonomy;

import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Region;
import io.newswatch.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The taxonomy as the admin API shows it: response records, never the model itself. */
final class TaxonomyViews {

  private TaxonomyViews() {}

  /**
   * Version, source and counts of the current taxonomy.
   *
   * @param ambiguousAliases aliases (after normalisation) shared by more than one entry
   */
  record Summary(
      String version,
      String description,
      String checksum,
      String source,
      Instant loadedAt,
      int actors,
      int regions,
      int aliases,
      int ambiguousAliases,
      int cues,
      Map<String, Long> actorKinds,
      Map<String, Long> regionKinds,
      Map<String, Long> scripts) {}

  /** One name of an entry. */
  record AliasView(String text, boolean caseSensitive, boolean weak, String script) {
    static AliasView of(Alias alias) {
      return new AliasView(alias.text(), alias.caseSensitive(), alias.weak(), alias.script().id());
    }
  }

  /** One actor. */
  record ActorView(
      String id,
      String name,
      String kind,
      List<String> parents,
      List<String> affiliations,
      List<AliasView> aliases) {
    static ActorView of(Actor actor) {
      return new ActorView(
          actor.id(),
          actor.name(),
          actor.kindId(),
          actor.parents(),
          actor.affiliations(),
          actor.aliases().stream().map(AliasView::of).toList());
    }
  }

  /** One region; {@code lat} and {@code lon} are null when unknown. */
  record RegionView(
      String id,
      String name,
      String kind,
      List<String> parents,
      Double lat,
      Double lon,
      String geonamesId,
      List<AliasView> aliases) {
    static RegionView of(Region region) {
      return new RegionView(
          region.id(),
          region.name(),
          region.kindId(),
          region.parents(),
          region.coordinates() == null ? null : region.coordinates().lat(),
          region.coordinates() == null ? null : region.coordinates().lon(),
          region.geonamesId(),
          region.aliases().stream().map(AliasView::of).toList());
    }
  }

  /** The outcome of a reload. */
  record ReloadView(
      String previousVersion,
      String previousChecksum,
      String version,
      String checksum,
      String source,
      boolean changed) {
    static ReloadView of(TaxonomyService.Reload reload) {
      Taxonomy.Info before = reload.previous().info();
      Taxonomy.Info after = reload.current().info();
      return new ReloadView(
          before.version(),
          before.checksum(),
          after.version(),
          after.checksum(),
          after.source(),
          !before.checksum().equals(after.checksum()));
    }
  }
}
