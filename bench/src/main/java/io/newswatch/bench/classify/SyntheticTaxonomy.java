package io.newswatch.bench.classify;

import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.ActorKind;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Region;
import io.newswatch.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A taxonomy of made-up names, as large as asked: one to three pronounceable words per alias, four
 * aliases per actor, plus the default taxonomy's regions and cues so that the rest of the
 * classification does its usual work.
 */
final class SyntheticTaxonomy {

  private static final String[] ONSETS = {
    "b", "d", "g", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "z", "zh", "v", "f",
    "h", "j"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};

  private SyntheticTaxonomy() {}

  static Taxonomy build(int aliases, Taxonomy base, long seed) {
    Random random = new Random(seed);
    Set<String> used = new HashSet<>();
    List<Actor> actors = new ArrayList<>();
    int made = 0;
    for (int id = 0; made < aliases; id++) {
      List<Alias> names = new ArrayList<>();
      for (int k = 0; k < 4 && made < aliases; k++) {
        String name = name(random);
        if (used.add(name)) {
          names.add(Alias.of(name, false, false));
          made++;
        }
      }
      if (!names.isEmpty()) {
        actors.add(
            new Actor(
                "synthetic-" + id,
                ActorKind.ARMED_GROUP,
                List.of(),
                List.of(),
                names.get(0).text(),
                names));
      }
    }
    List<Region> regions = base.regions();
    Taxonomy.Info info =
        new Taxonomy.Info("synthetic-" + aliases, "synthetic", "synthetic", "bench", Instant.now());
    return new Taxonomy(info, actors, regions, base.cues());
  }

  /** Some of the synthetic names, to sprinkle into articles. */
  static List<String> sampleNames(Taxonomy taxonomy, int count) {
    List<String> names = new ArrayList<>();
    for (Actor actor : taxonomy.actors()) {
      if (names.size() == count) {
        break;
      }
      if (actor.id().startsWith("synthetic-")) {
        names.add(actor.aliases().get(actor.aliases().size() - 1).text());
      }
    }
    return names;
  }

  private static String name(Random random) {
    int words = 1 + random.nextInt(3);
    StringBuilder name = new StringBuilder();
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        name.append(' ');
      }
      int syllables = 2 + random.nextInt(2);
      for (int s = 0; s < syllables; s++) {
        String onset = ONSETS[random.nextInt(ONSETS.length)];
        name.append(
            s == 0 && w == 0 ? Character.toUpperCase(onset.charAt(0)) + onset.substring(1) : onset);
        name.append(VOWELS[random.nextInt(VOWELS.length)]);
      }
    }
    return name.toString();
  }
}
