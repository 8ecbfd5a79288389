package io.newswatch.taxonomy.classify;

import io.newswatch.events.TagType;
import io.newswatch.taxonomy.AliasRef;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Region;
import io.newswatch.taxonomy.RegionKind;
import io.newswatch.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which entry each mention names, by rules that each have a test:
 *
 * <ol>
 *   <li>Longest name first (done by the matcher): "Gorno-Badakhshan" is not Badakhshan, "Pakistani
 *       Taliban" is not the Taliban, "Islamic State Khorasan Province" is not Khorasan.
 *   <li>A weak alias (a district name that is also a common word or shared) counts only when a
 *       region containing it, below country level, is named elsewhere in the item, and never
 *       against a strong alias of the same words (Fayzabad: the city, not the district).
 *   <li>A name shared by a region and places inside it (Kunduz: province, city, district) names the
 *       containing region.
 *   <li>Otherwise a shared name goes to the meaning whose surroundings the item names (Ishkashim
 *       with Tajikistan named: the Tajik district).
 *   <li>Otherwise, if all meanings lie in one province, that province is tagged as inferred; else
 *       the mention is left untagged: a wrong tag costs a watch officer more than a missing one.
 * </ol>
 */
final class Disambiguator {

  static final double NAMED = 0.95;
  static final double ACRONYM = 0.9;
  static final double WEAK = 0.8;
  static final double BY_CONTEXT = 0.75;
  static final double COMMON_REGION = 0.7;

  private Disambiguator() {}

  static List<Resolution> resolve(Taxonomy taxonomy, List<Mention> mentions) {
    List<Resolution> resolved = new ArrayList<>();
    for (TagType type : TagType.values()) {
      Map<Mention, Set<String>> named = new IdentityHashMap<>();
      Map<String, Integer> counts = new HashMap<>();
      for (Mention mention : mentions) {
        Set<String> own = unambiguous(taxonomy, mention, type);
        named.put(mention, own);
        own.forEach(id -> counts.merge(id, 1, Integer::sum));
      }
      for (Mention mention : mentions) {
        // A name is no context for itself: "Fayzabad" must not confirm the weak district Fayzabad.
        Set<String> own = named.get(mention);
        Context context = id -> counts.getOrDefault(id, 0) > (own.contains(id) ? 1 : 0);
        List<AliasRef> candidates = new ArrayList<>();
        for (AliasRef ref : mention.candidates()) {
          if (ref.entry().type() == type
              && (!ref.alias().weak() || weakSatisfied(taxonomy, ref.entry(), context))) {
            candidates.add(ref);
          }
        }
        // A strong name beats a weak one: "Fayzabad" is the city, not the district of that name.
        if (candidates.stream().anyMatch(c -> !c.alias().weak())) {
          candidates.removeIf(c -> c.alias().weak());
        }
        resolveOne(taxonomy, mention, candidates, context).ifPresent(resolved::add);
      }
    }
    return resolved;
  }

  private static Optional<Resolution> resolveOne(
      Taxonomy taxonomy, Mention mention, List<AliasRef> candidates, Context context) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    if (candidates.size() == 1) {
      AliasRef only = candidates.get(0);
      return Optional.of(new Resolution(mention, only.entry(), confidence(only), false));
    }
    for (AliasRef candidate : candidates) {
      if (containsAll(taxonomy, candidate.entry(), candidates)) {
        return Optional.of(
            new Resolution(mention, candidate.entry(), confidence(candidate), false));
      }
    }
    List<AliasRef> inContext = new ArrayList<>();
    for (AliasRef candidate : candidates) {
      if (taxonomy.ancestors(candidate.entry()).stream().anyMatch(a -> context.contains(a.id()))) {
        inContext.add(candidate);
      }
    }
    if (inContext.size() == 1) {
      return Optional.of(new Resolution(mention, inContext.get(0).entry(), BY_CONTEXT, false));
    }
    List<AliasRef> remaining = inContext.isEmpty() ? candidates : inContext;
    Entry common = lowestCommonAncestor(taxonomy, remaining);
    if (common != null
        && !(common instanceof Region region && region.kind() == RegionKind.COUNTRY)) {
      return Optional.of(new Resolution(mention, common, COMMON_REGION, true));
    }
    return Optional.empty();
  }

  /**
   * What a mention adds to the context: the entry it names when it has one strong candidate of the
   * type, with its ancestors.
   */
  private static Set<String> unambiguous(Taxonomy taxonomy, Mention mention, TagType type) {
    AliasRef only = null;
    int strong = 0;
    for (AliasRef ref : mention.candidates()) {
      if (ref.entry().type() == type && !ref.alias().weak()) {
        strong++;
        only = ref;
      }
    }
    Set<String> ids = new HashSet<>();
    if (strong == 1) {
      ids.add(only.entry().id());
      taxonomy.ancestors(only.entry()).forEach(a -> ids.add(a.id()));
    }
    return ids;
  }

  /** The entries named elsewhere in the item, with their ancestors. */
  @FunctionalInterface
  private interface Context {
    boolean contains(String id);
  }

  private static boolean weakSatisfied(Taxonomy taxonomy, Entry entry, Context context) {
    for (Entry ancestor : taxonomy.ancestors(entry)) {
      boolean country = ancestor instanceof Region r && r.kind() == RegionKind.COUNTRY;
      if (!country && context.contains(ancestor.id())) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAll(Taxonomy taxonomy, Entry container, List<AliasRef> others) {
    for (AliasRef other : others) {
      if (other.entry() != container
          && taxonomy.ancestors(other.entry()).stream()
              .noneMatch(a -> a.id().equals(container.id()))) {
        return false;
      }
    }
    return true;
  }

  private static Entry lowestCommonAncestor(Taxonomy taxonomy, List<AliasRef> candidates) {
    Set<String> common = null;
    for (AliasRef candidate : candidates) {
      Set<String> lineage = new LinkedHashSet<>();
      taxonomy.ancestors(candidate.entry()).forEach(a -> lineage.add(a.id()));
      if (common == null) {
        common = lineage;
      } else {
        common.retainAll(lineage);
      }
    }
    if (common == null || common.isEmpty()) {
      return null;
    }
    // Ancestors come nearest first, so the first common one is the lowest.
    String lowest = common.iterator().next();
    return taxonomy.entry(candidates.get(0).entry().type(), lowest).orElse(null);
  }

  static double confidence(AliasRef ref) {
    if (ref.alias().weak()) {
      return WEAK;
    }
    return ref.alias().caseSensitive() ? ACRONYM : NAMED;
  }
}
