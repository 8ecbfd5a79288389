package io.newswatch.taxonomy.classify;

import io.newswatch.events.Evidence;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns resolved mentions into tags: one per entry, with all its evidence, and the entries they
 * imply marked as inferred. A region implies its ancestors (Fayzabad: Badakhshan, Afghanistan) with
 * the same confidence, since containment is certain; an actor implies the organisations it is part
 * of (ISKP: Islamic State) and a person the groups they are affiliated with, each a little less
 * sure.
 */
final class TagAssembler {

  static final double PARENT_FACTOR = 0.9;
  static final double AFFILIATION_FACTOR = 0.8;
  static final int MAX_EVIDENCE = 100;

  private TagAssembler() {}

  private static final class Draft {
    final Entry entry;
    final boolean inferred;
    final Set<Evidence> evidence = new LinkedHashSet<>();
    double missProbability = 1.0;
    double best;

    Draft(Entry entry, boolean inferred) {
      this.entry = entry;
      this.inferred = inferred;
    }

    void named(Evidence found, double confidence) {
      evidence.add(found);
      missProbability *= 1.0 - confidence;
      best = Math.max(best, confidence);
    }

    double confidence() {
      double combined = inferred ? best : 1.0 - missProbability;
      return Math.round(Math.min(0.99, combined) * 100) / 100.0;
    }
  }

  static List<Tag> assemble(Taxonomy taxonomy, List<Resolution> resolutions) {
    Map<String, Draft> named = new LinkedHashMap<>();
    Map<String, Draft> inferred = new LinkedHashMap<>();
    for (Resolution r : resolutions) {
      Map<String, Draft> target = r.inferred() ? inferred : named;
      target
          .computeIfAbsent(key(r.entry()), k -> new Draft(r.entry(), r.inferred()))
          .named(r.mention().evidence(), r.confidence());
    }
    List<Draft> sources = new ArrayList<>(named.values());
    sources.addAll(inferred.values());
    for (Draft source : sources) {
      double confidence = source.inferred ? source.best : source.confidence();
      for (Entry ancestor : taxonomy.ancestors(source.entry)) {
        double factor = ancestor.type() == TagType.ACTOR ? PARENT_FACTOR : 1.0;
        imply(inferred, ancestor, source, confidence * factor);
      }
      if (source.entry instanceof Actor actor) {
        for (String affiliation : actor.affiliations()) {
          taxonomy
              .actor(affiliation)
              .ifPresent(
                  group -> {
                    imply(inferred, group, source, confidence * AFFILIATION_FACTOR);
                    for (Entry above : taxonomy.ancestors(group)) {
                      imply(
                          inferred, above, source, confidence * AFFILIATION_FACTOR * PARENT_FACTOR);
                    }
                  });
        }
      }
    }
    inferred.keySet().removeAll(named.keySet());
    List<Tag> tags = new ArrayList<>();
    tags.addAll(sorted(named.values()));
    tags.addAll(sorted(inferred.values()));
    return tags;
  }

  private static void imply(
      Map<String, Draft> inferred, Entry entry, Draft from, double confidence) {
    Draft draft = inferred.computeIfAbsent(key(entry), k -> new Draft(entry, true));
    for (Evidence evidence : from.evidence) {
      if (draft.evidence.size() >= MAX_EVIDENCE) {
        break; // Afghanistan inferred from every district: the first hundred show why
      }
      draft.evidence.add(evidence);
    }
    draft.best = Math.max(draft.best, confidence);
  }

  private static List<Tag> sorted(Collection<Draft> drafts) {
    Comparator<Evidence> byPlace =
        Comparator.comparing(Evidence::field).thenComparingInt(Evidence::start);
    List<Tag> tags = new ArrayList<>();
    for (Draft draft : drafts) {
      List<Evidence> evidence = new ArrayList<>(draft.evidence);
      evidence.sort(byPlace);
      if (evidence.size() > MAX_EVIDENCE) {
        evidence = evidence.subList(0, MAX_EVIDENCE);
      }
      tags.add(
          new Tag(
              draft.entry.type(),
              draft.entry.id(),
              draft.entry.name(),
              draft.entry.kindId(),
              draft.confidence(),
              draft.inferred,
              evidence));
    }
    tags.sort(
        Comparator.comparing(Tag::type)
            .thenComparing(
                t -> t.evidence().isEmpty() ? null : t.evidence().get(0),
                Comparator.nullsLast(byPlace))
            .thenComparing(Tag::id));
    return tags;
  }

  private static String key(Entry entry) {
    return entry.type() + ":" + entry.id();
  }
}
