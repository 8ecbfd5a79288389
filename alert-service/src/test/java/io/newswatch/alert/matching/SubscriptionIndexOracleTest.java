package io.newswatch.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random subscriptions and 1,000 random items: the index (presearcher, compiled queries,
 * incremental updates) must give exactly the matches of a brute-force oracle that checks every
 * subscription against every item by scanning the tokens, and resolves concepts through the
 * taxonomy's own containment test.
 */
class SubscriptionIndexOracleTest {

  private static final Taxonomy TAXONOMY = QueryMatchingTest.TAXONOMY;

  private static final String[] WORDS = {
    "attack",
    "attacks",
    "attacked",
    "attacker",
    "bomb",
    "bomber",
    "bombing",
    "drone",
    "drones",
    "border",
    "borders",
    "strike",
    "strikes",
    "police",
    "killed",
    "kill",
    "wounded",
    "market",
    "markets",
    "wheat",
    "prices",
    "flood",
    "floods",
    "earthquake",
    "convoy",
    "checkpoint",
    "is",
    "us",
    "the",
    "in",
    "of",
    "and",
    "near",
    "city",
    "province",
    "said",
    "officials",
    "talks",
    "envoy",
    "aid",
    "Kabulov",
    "ambush",
    "raid",
    "raids",
    "suicide",
    "car",
    "school",
    "girls",
    "Hérat",
    "KABUL",
    "12",
    "2026",
    "Доха",
    "بازار"
  };

  private static final String[] NAMES = {
    "ISKP",
    "ISIS-K",
    "Islamic State Khorasan Province",
    "Islamic State",
    "ISIS",
    "IS",
    "Daesh",
    "Taliban",
    "Талибан",
    "طالبان",
    "Haqqani network",
    "Sirajuddin Haqqani",
    "TTP",
    "Al-Qaeda",
    "Kunduz",
    "Kunduz city",
    "Badakhshan",
    "Fayzabad",
    "Takhar",
    "Kabul",
    "Herat",
    "Nangarhar",
    "Jalalabad",
    "Afghanistan",
    "Pakistan",
    "Tajikistan",
    "Khost",
    "US",
    "United States",
    "UN",
    "United Nations",
    "Iran",
    "Helmand",
    "Kandahar",
    "Wakhan Corridor"
  };

  private static final String[] CONCEPTS = {
    "ISKP",
    "Islamic State",
    "Taliban",
    "Haqqani network",
    "TTP",
    "Al-Qaeda",
    "Kunduz",
    "Badakhshan",
    "Fayzabad",
    "Takhar",
    "Kabul",
    "Herat",
    "Nangarhar",
    "Afghanistan",
    "Pakistan",
    "Tajikistan",
    "Khost",
    "Helmand",
    "Kandahar",
    "United States",
    "af-badakhshan",
    "iskp"
  };

  private final Random random = new Random(20261121);
  private final QueryResolver resolver = QueryMatchingTest.RESOLVER;

  @Test
  void tenThousandSubscriptionsAndAThousandItemsMatchExactlyLikeBruteForce() {
    List<ClassifiedItem> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(randomItem(i));
    }
    Map<Integer, Subscription> subscriptions = new HashMap<>();
    SubscriptionIndex<Integer> index = new SubscriptionIndex<>(resolver);
    Oracle oracle = new Oracle();
    int key = 0;
    while (subscriptions.size() < 10_000) {
      Subscription subscription = randomSubscription(oracle);
      if (subscription != null) {
        index.put(key, subscription.resolved, subscription.minSeverity);
        subscriptions.put(key++, subscription);
      }
    }

    long matches = compare(index, subscriptions, items, oracle);

    // The data must exercise the matcher: many matches, but far from all pairs.
    assertThat(matches).isBetween(20_000L, 2_000_000L);

    // Incremental updates: remove some, replace some, add some; the index must follow exactly.
    List<Integer> keys = new ArrayList<>(subscriptions.keySet());
    for (int i = 0; i < 3000; i++) {
      int victim = keys.get(random.nextInt(keys.size()));
      if (random.nextBoolean()) {
        index.remove(victim);
        subscriptions.remove(victim);
      } else {
        Subscription replacement = randomSubscription(oracle);
        if (replacement != null) {
          index.put(victim, replacement.resolved, replacement.minSeverity);
          subscriptions.put(victim, replacement);
        }
      }
    }
    assertThat(index.size()).isEqualTo(subscriptions.size());
    compare(index, subscriptions, items.subList(0, 300), oracle);
  }

  private static long compare(
      SubscriptionIndex<Integer> index,
      Map<Integer, Subscription> subscriptions,
      List<ClassifiedItem> items,
      Oracle oracle) {
    long total = 0;
    for (ClassifiedItem item : items) {
      Set<Integer> expected = new TreeSet<>();
      oracle.startItem(item);
      for (Map.Entry<Integer, Subscription> s : subscriptions.entrySet()) {
        if (item.severity().atLeast(s.getValue().minSeverity) && oracle.eval(s.getValue().tree)) {
          expected.add(s.getKey());
        }
      }
      Set<Integer> actual = new TreeSet<>();
      index.match(item).forEach(m -> actual.add(m.key()));
      assertThat(actual)
          .as("subscriptions matching \"%s\" / \"%s\"", item.item().title(), item.item().text())
          .isEqualTo(expected);
      total += expected.size();
    }
    return total;
  }

  // --- random data -------------------------------------------------------------------------------

  private record Subscription(
      String query, ResolvedQuery resolved, Oracle.Node tree, Severity minSeverity) {}

  private Subscription randomSubscription(Oracle oracle) {
    String query = randomQuery(0);
    try {
      ResolvedQuery resolved = resolver.resolve(query);
      Severity minSeverity = Severity.values()[random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(2)];
      return new Subscription(query, resolved, oracle.compile(resolved), minSeverity);
    } catch (QuerySyntaxException e) {
      return null; // all-NOT and other refused queries: the parser tests cover them
    }
  }

  private String randomQuery(int depth) {
    int shape = random.nextInt(depth == 0 ? 10 : 14);
    if (shape < 3 || depth >= 3) {
      return randomLeaf();
    }
    String a = randomQuery(depth + 1);
    String b = randomQuery(depth + 1);
    return switch (shape) {
      case 3, 4, 5 -> a + " " + b;
      case 6, 7 -> "(" + a + " OR " + b + ")";
      case 8 -> a + " AND NOT " + b;
      case 9 -> "(" + a + ") OR (" + b + " " + randomLeaf() + ")";
      default -> "NOT " + a;
    };
  }

  private String randomLeaf() {
    String field = random.nextInt(6) == 0 ? pick("title:", "summary:", "text:") : "";
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> field + word();
      case 3, 4 -> field + bare(pick(NAMES));
      case 5 -> field + "\"" + pick(NAMES) + "\"";
      case 6 -> field + "\"" + word() + " " + word() + "\"";
      case 7 -> field + "\"" + word() + " " + word() + "\"~" + random.nextInt(6);
      case 8 -> {
        String w = word();
        String stem = w.substring(0, Math.min(w.length(), 2 + random.nextInt(4)));
        yield field + (stem.codePoints().allMatch(Character::isLetterOrDigit) ? stem + "*" : w);
      }
      case 9, 10 -> (random.nextBoolean() ? "actor:" : "region:") + "\"" + pick(CONCEPTS) + "\"";
      default -> field + word() + "-" + word();
    };
  }

  /** A name as a bare term: its words joined with dashes, the way people type ISIS-K. */
  private static String bare(String name) {
    return name.replace(' ', '-');
  }

  private String word() {
    return pick(WORDS);
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private ClassifiedItem randomItem(int n) {
    String title = sentence(3 + random.nextInt(6));
    String summary = random.nextInt(3) == 0 ? "" : sentence(4 + random.nextInt(10));
    String text = sentence(8 + random.nextInt(25));
    RawItem raw =
        RawItem.of(
            String.format("%032x", n),
            "1",
            "https://feeds.example.org/rss",
            "Example",
            "https://news.example.org/" + n,
            title,
            summary,
            text,
            "en",
            null,
            Instant.EPOCH,
            List.of());
    var classification = QueryMatchingTest.CLASSIFIER.classify(raw);
    return ClassifiedItem.of(
        raw,
        classification.tags(),
        Severity.values()[random.nextInt(3)],
        List.of(),
        "t",
        Instant.EPOCH);
  }

  private String sentence(int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String w = random.nextInt(4) == 0 ? pick(NAMES) : word();
      w =
          switch (random.nextInt(8)) {
            case 0 -> w.toUpperCase(java.util.Locale.ROOT);
            case 1 -> w.toLowerCase(java.util.Locale.ROOT);
            default -> w;
          };
      s.append(w);
      s.append(pick(" ", " ", " ", " ", ", ", ". ", " - ", "'s "));
    }
    return s.toString().strip();
  }

  // --- the oracle
  // ---------------------------------------------------------------------------------

  /**
   * Brute force: every leaf checked by scanning the item's tokens; leaf results cached per item.
   */
  static final class Oracle {

    sealed interface Node permits Leaf, All, Any, None {}

    record Leaf(int id) implements Node {}

    record All(List<Node> clauses) implements Node {}

    record Any(List<Node> clauses) implements Node {}

    record None(Node clause) implements Node {}

    private final Map<ResolvedQuery, Integer> leafIds = new HashMap<>();
    private final List<ResolvedQuery> leaves = new ArrayList<>();
    private Boolean[] results = new Boolean[0];
    private ClassifiedItem item;
    private List<List<Token>> fields;

    Node compile(ResolvedQuery query) {
      if (query instanceof ResolvedQuery.And and) {
        return new All(and.clauses().stream().map(this::compile).toList());
      }
      if (query instanceof ResolvedQuery.Or or) {
        return new Any(or.clauses().stream().map(this::compile).toList());
      }
      if (query instanceof ResolvedQuery.Not not) {
        return new None(compile(not.clause()));
      }
      Integer id = leafIds.get(query);
      if (id == null) {
        id = leaves.size();
        leaves.add(query);
        leafIds.put(query, id);
      }
      return new Leaf(id);
    }

    void startItem(ClassifiedItem next) {
      item = next;
      fields =
          List.of(
              TextNormalizer.normalize(next.item().title()).tokens(),
              TextNormalizer.normalize(next.item().summary()).tokens(),
              TextNormalizer.normalize(next.item().text()).tokens());
      results = new Boolean[leaves.size()];
    }

    boolean eval(Node node) {
      if (node instanceof All all) {
        return all.clauses().stream().allMatch(this::eval);
      }
      if (node instanceof Any any) {
        return any.clauses().stream().anyMatch(this::eval);
      }
      if (node instanceof None none) {
        return !eval(none.clause());
      }
      int id = ((Leaf) node).id();
      if (results[id] == null) {
        results[id] = leaf(leaves.get(id));
      }
      return results[id];
    }

    private boolean leaf(ResolvedQuery leaf) {
      if (leaf instanceof ResolvedQuery.Text text) {
        for (int f = 0; f < 3; f++) {
          if ((text.fields() & (1 << f)) != 0) {
            for (ResolvedQuery.Spelling spelling : text.spellings()) {
              if (occurs(fields.get(f), spelling)) {
                return true;
              }
            }
          }
        }
        return false;
      }
      if (leaf instanceof ResolvedQuery.Near near) {
        for (int f = 0; f < 3; f++) {
          if ((near.fields() & (1 << f)) != 0 && near(fields.get(f), near)) {
            return true;
          }
        }
        return false;
      }
      ResolvedQuery.Concept concept = (ResolvedQuery.Concept) leaf;
      for (Tag tag : item.tags()) {
        for (String id : concept.ids()) {
          if (tag.type() == concept.type() && TAXONOMY.isWithin(tag.type(), tag.id(), id)) {
            return true;
          }
          if (tag.type() == TagType.ACTOR && concept.type() == TagType.ACTOR) {
            List<String> groups =
                TAXONOMY.actor(tag.id()).map(Actor::affiliations).orElse(List.of());
            for (String group : groups) {
              if (TAXONOMY.isWithin(TagType.ACTOR, group, id)) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }

    private static boolean occurs(List<Token> tokens, ResolvedQuery.Spelling spelling) {
      List<String> wanted = spelling.tokens();
      for (int i = 0; i + wanted.size() <= tokens.size(); i++) {
        boolean all = true;
        for (int k = 0; k < wanted.size() && all; k++) {
          Token token = tokens.get(i + k);
          if (spelling.prefix() && k == wanted.size() - 1) {
            all = token.isWord() && token.term().startsWith(wanted.get(k));
          } else {
            all = (spelling.cased() ? token.casedTerm() : token.term()).equals(wanted.get(k));
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    }

    private static boolean near(List<Token> tokens, ResolvedQuery.Near near) {
      List<String> words = tokens.stream().filter(Token::isWord).map(Token::term).toList();
      int window = near.words().size() + near.slop();
      for (int start = 0; start < words.size(); start++) {
        List<String> inside =
            new ArrayList<>(words.subList(start, Math.min(words.size(), start + window)));
        boolean all = true;
        for (String wanted : near.words()) {
          all &= inside.remove(wanted);
        }
        if (all) {
          return true;
        }
      }
      return false;
    }
  }
}
