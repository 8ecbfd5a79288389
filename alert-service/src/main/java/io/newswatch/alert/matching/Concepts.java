package io.newswatch.alert.matching;

import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an item's tag stands for in concept filters: the entry itself and everything it lies in or
 * belongs to (Fayzabad: Badakhshan, Afghanistan; ISKP: Islamic State; a person: the groups they are
 * affiliated with). The classifier already adds these as inferred tags; expanding here as well
 * keeps {@code region:Afghanistan} right for items classified without inference or with an older
 * taxonomy.
 */
final class Concepts {

  private final Taxonomy taxonomy;
  private final Map<String, List<String>> expanded = new ConcurrentHashMap<>();

  Concepts(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** The key of one entry in the index's vocabulary. */
  static String key(TagType type, String id) {
    return (type == TagType.ACTOR ? "a:" : "r:") + id;
  }

  /** Keys of the tag's entry and of everything that contains it. */
  List<String> keys(Tag tag) {
    String own = key(tag.type(), tag.id());
    return expanded.computeIfAbsent(own, k -> expand(tag.type(), tag.id()));
  }

  private List<String> expand(TagType type, String id) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(key(type, id));
    taxonomy
        .entry(type, id)
        .ifPresent(
            entry -> {
              addWithAncestors(entry, keys);
              if (entry instanceof Actor actor) {
                for (String group : actor.affiliations()) {
                  taxonomy.actor(group).ifPresent(g -> addWithAncestors(g, keys));
                }
              }
            });
    return List.copyOf(keys);
  }

  private void addWithAncestors(Entry entry, Set<String> keys) {
    keys.add(key(entry.type(), entry.id()));
    for (Entry ancestor : taxonomy.ancestors(entry)) {
      keys.add(key(ancestor.type(), ancestor.id()));
    }
  }
}
