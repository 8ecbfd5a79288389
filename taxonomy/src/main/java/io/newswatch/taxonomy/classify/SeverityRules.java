package io.newswatch.taxonomy.classify;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.ActorKind;
import io.newswatch.taxonomy.Cue;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The severity of an item, from event cues and the kind of actor in the same sentence:
 *
 * <ul>
 *   <li>flash: the title or summary has a strong cue (killed, suicide bomber, explosion, drone
 *       strike) in a sentence that names an armed group, or a person affiliated with one;
 *   <li>priority: any sentence has a cue (strong or weak: attack, clashes, kidnapped) and an armed
 *       group, or the title or summary has a strong cue;
 *   <li>routine: everything else, e.g. a state or an international organisation in a sentence with
 *       an attack cue in the body.
 * </ul>
 *
 * The evidence is the cues the severity rests on.
 */
final class SeverityRules {

  /** A cue found in a field. */
  record CueMention(Evidence evidence, int sentence, Cue.Strength strength) {}

  record Assessment(Severity severity, List<Evidence> evidence) {}

  private SeverityRules() {}

  static Assessment assess(Taxonomy taxonomy, List<Resolution> resolutions, List<CueMention> cues) {
    Set<String> armedSentences = new HashSet<>();
    for (Resolution r : resolutions) {
      if (isArmed(taxonomy, r.entry())) {
        armedSentences.add(sentenceKey(r.mention().evidence().field(), r.mention().sentence()));
      }
    }
    List<Evidence> flash = new ArrayList<>();
    List<Evidence> priority = new ArrayList<>();
    for (CueMention cue : cues) {
      TextField field = cue.evidence().field();
      boolean headline = field == TextField.TITLE || field == TextField.SUMMARY;
      boolean armed = armedSentences.contains(sentenceKey(field, cue.sentence()));
      boolean strong = cue.strength() == Cue.Strength.STRONG;
      if (headline && strong && armed) {
        flash.add(cue.evidence());
      }
      if (armed || (headline && strong)) {
        priority.add(cue.evidence());
      }
    }
    if (!flash.isEmpty()) {
      return new Assessment(Severity.FLASH, flash);
    }
    if (!priority.isEmpty()) {
      return new Assessment(Severity.PRIORITY, priority);
    }
    return new Assessment(Severity.ROUTINE, List.of());
  }

  /** An armed group, a person affiliated with one, or a part of one. */
  static boolean isArmed(Taxonomy taxonomy, Entry entry) {
    if (!(entry instanceof Actor actor)) {
      return false;
    }
    if (actor.kind() == ActorKind.ARMED_GROUP) {
      return true;
    }
    if (actor.kind() == ActorKind.PERSON) {
      for (String affiliation : actor.affiliations()) {
        if (taxonomy.actor(affiliation).map(a -> a.kind() == ActorKind.ARMED_GROUP).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String sentenceKey(TextField field, int sentence) {
    return field + ":" + sentence;
  }
}
