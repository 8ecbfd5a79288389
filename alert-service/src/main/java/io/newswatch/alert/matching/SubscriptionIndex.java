package io.newswatch.alert.matching;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Evidence;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Subscriptions compiled for matching many of them against each item.
 *
 * <p>Every query is compiled against one {@link Vocabulary} (words, cased words, prefixes, concept
 * keys as dense ids) and filed under a few <em>anchor</em> keys: keys of which an item must contain
 * at least one for the query to match (a presearcher). A term files under its spellings, a phrase
 * under its rarest word, AND under its rarest clause, OR under all its clauses; NOT never anchors,
 * which is why the language refuses queries that are all NOT. An item then wakes up only the
 * subscriptions filed under the keys it contains, and only those are evaluated.
 *
 * <p>Updates are incremental (put, replace, remove one subscription) under a write lock; matching
 * takes the read lock, so items are matched while subscriptions change.
 *
 * @param <K> subscription key
 */
public final class SubscriptionIndex<K> {

  private static final int NO_FILTER = -1;
  private static final int COMPOSITE_FILTER = -2;
  private static final int SLOT_MASK = (1 << 29) - 1;
  private static final int ALL_FIELDS = 7;

  /** Most matched places reported per query leaf, and per match. */
  public static final int MAX_TERMS_PER_LEAF = 10;

  public static final int MAX_TERMS_PER_MATCH = 50;

  /**
   * A subscription that matched an item.
   *
   * @param key the subscription
   * @param terms where its query matched: positive leaves only, never those under NOT
   */
  public record Match<K>(K key, List<MatchedTerm> terms) {}

  /**
   * Size figures.
   *
   * @param subscriptions subscriptions held
   * @param vocabulary distinct keys
   * @param anchorEntries subscription entries in all anchor lists
   */
  public record Stats(int subscriptions, int vocabulary, long anchorEntries) {}

  private final QueryResolver resolver;
  private final Concepts concepts;
  private final Selectivity selectivity;
  private final Vocabulary vocabulary = new Vocabulary();
  private final PrefixTrie prefixes = new PrefixTrie();
  private final Map<String, Alt> interned = new HashMap<>();
  private final Map<String, Node> leaves = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<K, Entry<K>> entries = new HashMap<>();

  @SuppressWarnings("unchecked")
  private Entry<K>[] slots = new Entry[256];

  private int[] freeSlots = new int[16];
  private int freeCount;
  private int slotCount;
  // Per key, the subscriptions filed under it as pairs: slot | minimum severity << 29, and the leaf
  // id of their filter clause (NO_FILTER, COMPOSITE_FILTER): scanned without touching the entries.
  private int[][] anchorLists = new int[1024][];
  private int[] anchorSizes = new int[1024];
  private Node[] leafNodes = new Node[256];
  private long anchorEntries;

  public SubscriptionIndex(QueryResolver resolver) {
    this.resolver = resolver;
    this.concepts = new Concepts(resolver.taxonomy());
    this.selectivity = new Selectivity(resolver.taxonomy());
  }

  /**
   * Adds or replaces a subscription.
   *
   * @throws io.newswatch.alert.query.QuerySyntaxException when the query does not parse or names an
   *     unknown concept; the index is then unchanged
   */
  public void put(K key, String query, Severity minSeverity) {
    put(key, resolver.resolve(query), minSeverity);
  }

  /** Adds or replaces a subscription with a resolved query. */
  public void put(K key, ResolvedQuery query, Severity minSeverity) {
    lock.writeLock().lock();
    try {
      Node root = compile(query);
      Anchors anchors = anchors(root);
      if (anchors == null) {
        throw new IllegalArgumentException("query has no required term: " + query);
      }
      Node filter = null;
      if (root instanceof AndNode and) {
        // A second required clause, checked first: "Kunduz attack" filed under "attack" is only
        // evaluated for items that also name Kunduz.
        double best = Double.MAX_VALUE;
        for (Node clause : and.clauses) {
          Anchors candidate = anchors(clause);
          if (candidate != null
              && !Arrays.equals(candidate.ids, anchors.ids)
              && candidate.cost < best) {
            best = candidate.cost;
            filter = clause;
          }
        }
      }
      removeLocked(key);
      int slot = freeCount > 0 ? freeSlots[--freeCount] : slotCount++;
      if (slot == slots.length) {
        slots = Arrays.copyOf(slots, slots.length * 2);
      }
      int[] ids = Arrays.stream(anchors.ids).distinct().toArray();
      Entry<K> entry = new Entry<>(key, root, minSeverity.ordinal(), ids, filter, slot);
      slots[slot] = entry;
      entries.put(key, entry);
      int packed = slot | minSeverity.ordinal() << 29;
      int filterLeaf =
          filter == null ? NO_FILTER : isLeaf(filter) ? leafId(filter) : COMPOSITE_FILTER;
      for (int id : ids) {
        file(id, packed, filterLeaf);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes a subscription; false when it was not there. */
  public boolean remove(K key) {
    lock.writeLock().lock();
    try {
      return removeLocked(key);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public boolean contains(K key) {
    lock.readLock().lock();
    try {
      return entries.containsKey(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return entries.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  public Stats stats() {
    lock.readLock().lock();
    try {
      return new Stats(entries.size(), vocabulary.size(), anchorEntries);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The subscriptions matching an item whose severity reaches theirs, with what matched. */
  public List<Match<K>> match(ClassifiedItem item) {
    lock.readLock().lock();
    try {
      ItemDocument document = ItemDocument.build(item, vocabulary, prefixes, concepts);
      Memo memo = new Memo(leaves.size());
      int severity = item.severity().ordinal();
      int[] candidates = candidates(document, memo, severity);
      List<Match<K>> matches = new ArrayList<>();
      for (int slot : candidates) {
        Entry<K> entry = slots[slot];
        if (eval(entry.root, document, memo)) {
          matches.add(new Match<>(entry.key, terms(entry.root, document, memo)));
        }
      }
      return matches;
    } finally {
      lock.readLock().unlock();
    }
  }

  // --- presearch -------------------------------------------------------------------------------

  /**
   * The subscriptions filed under a key the item contains, whose severity the item reaches and
   * whose second clause, if any, matches; in slot order, each once.
   */
  private int[] candidates(ItemDocument document, Memo memo, int severity) {
    long[] seen = new long[(slotCount + 63) >>> 6];
    long[] passed = new long[seen.length];
    int count = 0;
    int present = document.presentCount();
    int[] concepts = document.conceptIds();
    for (int i = 0; i < present + concepts.length; i++) {
      int id = i < present ? document.present(i) : concepts[i - present];
      if (id >= anchorSizes.length) {
        continue;
      }
      int[] list = anchorLists[id];
      for (int k = 2 * anchorSizes[id] - 2; k >= 0; k -= 2) {
        int packed = list[k];
        int slot = packed & SLOT_MASK;
        long bit = 1L << slot;
        int word = slot >>> 6;
        if ((seen[word] & bit) != 0) {
          continue;
        }
        seen[word] |= bit;
        if (severity < packed >>> 29) {
          continue;
        }
        int filter = list[k + 1];
        boolean pass;
        if (filter == NO_FILTER) {
          pass = true;
        } else if (filter == COMPOSITE_FILTER) {
          pass = eval(slots[slot].filter, document, memo);
        } else {
          byte known = memo.truth[filter];
          if (known == 0) {
            known = leaf(leafNodes[filter], document) ? (byte) 1 : (byte) 2;
            memo.truth[filter] = known;
          }
          pass = known == 1;
        }
        if (pass) {
          passed[word] |= bit;
          count++;
        }
      }
    }
    int[] found = new int[count];
    int n = 0;
    for (int word = 0; word < passed.length; word++) {
      long bits = passed[word];
      while (bits != 0) {
        found[n++] = (word << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return found;
  }

  private void file(int id, int packed, int filterLeaf) {
    if (id >= anchorSizes.length) {
      int grown = Math.max(anchorSizes.length * 2, id + 1);
      anchorSizes = Arrays.copyOf(anchorSizes, grown);
      anchorLists = Arrays.copyOf(anchorLists, grown);
    }
    int[] list = anchorLists[id];
    int size = anchorSizes[id];
    if (list == null) {
      list = anchorLists[id] = new int[4];
    } else if (2 * size == list.length) {
      list = anchorLists[id] = Arrays.copyOf(list, list.length * 2);
    }
    list[2 * size] = packed;
    list[2 * size + 1] = filterLeaf;
    anchorSizes[id] = size + 1;
    anchorEntries++;
  }

  private boolean removeLocked(K key) {
    Entry<K> entry = entries.remove(key);
    if (entry == null) {
      return false;
    }
    for (int id : entry.anchors) {
      int[] list = anchorLists[id];
      int size = anchorSizes[id];
      for (int i = 0; i < size; i++) {
        if ((list[2 * i] & SLOT_MASK) == entry.slot) {
          list[2 * i] = list[2 * size - 2];
          list[2 * i + 1] = list[2 * size - 1];
          anchorSizes[id] = size - 1;
          anchorEntries--;
          break;
        }
      }
    }
    slots[entry.slot] = null;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = entry.slot;
    return true;
  }

  /** Keys one of which an item must contain for the node to match; null when there are none. */
  private record Anchors(int[] ids, double cost) {}

  private Anchors anchors(Node node) {
    if (node instanceof TextNode text) {
      int[] ids = new int[text.alts.length];
      double[] costs = new double[ids.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = text.alts[i].anchor;
        costs[i] = text.alts[i].anchorCost;
      }
      return new Anchors(ids, union(costs));
    }
    if (node instanceof NearNode near) {
      int best = 0;
      for (int i = 1; i < near.words.length; i++) {
        if (near.costs[i] < near.costs[best]) {
          best = i;
        }
      }
      return new Anchors(new int[] {near.words[best]}, near.costs[best]);
    }
    if (node instanceof ConceptNode concept) {
      return new Anchors(concept.ids, concept.cost);
    }
    if (node instanceof AndNode and) {
      Anchors best = null;
      for (Node clause : and.clauses) {
        Anchors candidate = anchors(clause);
        if (candidate != null && (best == null || candidate.cost < best.cost)) {
          best = candidate;
        }
      }
      return best;
    }
    if (node instanceof OrNode or) {
      List<int[]> parts = new ArrayList<>();
      double[] costs = new double[or.clauses.length];
      for (int i = 0; i < costs.length; i++) {
        Anchors part = anchors(or.clauses[i]);
        if (part == null) {
          return null;
        }
        parts.add(part.ids);
        costs[i] = part.cost;
      }
      return new Anchors(parts.stream().flatMapToInt(Arrays::stream).toArray(), union(costs));
    }
    return null; // NOT
  }

  /**
   * The chance that an item has any of several keys: about that of the commonest, since the
   * spellings of one name (Kunduz, Qunduz, کندز) seldom add much to each other.
   */
  private static double union(double[] costs) {
    double max = 0;
    double sum = 0;
    for (double cost : costs) {
      max = Math.max(max, cost);
      sum += cost;
    }
    return Math.min(1.0, max + 0.1 * (sum - max));
  }

  // --- compilation -----------------------------------------------------------------------------

  private sealed interface Node permits TextNode, NearNode, ConceptNode, AndNode, OrNode, NotNode {}

  /** One spelling compiled: ids that must follow each other; the rarest one anchors it. */
  private static final class Alt {
    final int[] ids;
    final boolean cased;
    final char[] prefix; // the last token is this prefix, or null
    final int anchor;
    final double anchorCost;

    Alt(int[] ids, boolean cased, char[] prefix, int anchor, double anchorCost) {
      this.ids = ids;
      this.cased = cased;
      this.prefix = prefix;
      this.anchor = anchor;
      this.anchorCost = anchorCost;
    }
  }

  private record TextNode(int id, String term, int fields, Alt[] alts) implements Node {}

  private record NearNode(int id, String term, int fields, int[] words, double[] costs, int slop)
      implements Node {}

  private record ConceptNode(int id, String term, int[] ids, Set<String> keys, double cost)
      implements Node {}

  /**
   * What one item's evaluation has learnt: the truth of each leaf evaluated and the places of each
   * leaf collected. Identical leaves of different subscriptions are one node, so an item that wakes
   * up a thousand subscriptions naming Kunduz looks for Kunduz once.
   */
  private static final class Memo {
    final byte[] truth; // 0 unknown, 1 true, 2 false
    final Map<Integer, List<MatchedTerm>> terms = new HashMap<>();

    Memo(int leaves) {
      truth = new byte[leaves];
    }
  }

  private record AndNode(Node[] clauses) implements Node {}

  private record OrNode(Node[] clauses) implements Node {}

  private record NotNode(Node clause) implements Node {}

  /**
   * A subscription in the index.
   *
   * @param anchors the keys it is filed under
   * @param filter for an AND, a second clause (the next most selective) that must match before the
   *     whole query is evaluated, through the item's memo; null when there is none
   */
  private record Entry<K>(
      K key, Node root, int minSeverity, int[] anchors, Node filter, int slot) {}

  private Node compile(ResolvedQuery query) {
    if (query instanceof ResolvedQuery.Text text) {
      Alt[] alts = text.spellings().stream().map(this::intern).toArray(Alt[]::new);
      StringBuilder signature = new StringBuilder("T\u0002").append(text.term());
      signature.append('\u0002').append(text.fields());
      for (Alt alt : alts) {
        signature.append('\u0002').append(Arrays.toString(alt.ids));
        signature.append(alt.cased).append(alt.prefix != null);
      }
      return leaves.computeIfAbsent(
          signature.toString(),
          k -> registered(new TextNode(leaves.size(), text.term(), text.fields(), alts)));
    }
    if (query instanceof ResolvedQuery.Near near) {
      int[] words = new int[near.words().size()];
      double[] costs = new double[words.length];
      for (int i = 0; i < words.length; i++) {
        words[i] = vocabulary.add(Vocabulary.WORD, near.words().get(i));
        costs[i] = selectivity.of(near.words().get(i));
      }
      String signature =
          "N\u0002"
              + near.term()
              + "\u0002"
              + near.fields()
              + "\u0002"
              + near.slop()
              + "\u0002"
              + Arrays.toString(words);
      return leaves.computeIfAbsent(
          signature,
          k ->
              registered(
                  new NearNode(
                      leaves.size(), near.term(), near.fields(), words, costs, near.slop())));
    }
    if (query instanceof ResolvedQuery.Concept concept) {
      Set<String> keys = new LinkedHashSet<>();
      double cost = 0;
      for (String id : concept.ids()) {
        keys.add(Concepts.key(concept.type(), id));
        cost +=
            Selectivity.concept(resolver.taxonomy().descendants(concept.type(), id).size())
                * (concept.type() == TagType.ACTOR ? 2 : 1);
      }
      int[] ids =
          keys.stream().mapToInt(k -> vocabulary.add(Vocabulary.CONCEPT, k)).sorted().toArray();
      double total = cost;
      String signature = "C\u0002" + concept.term() + "\u0002" + keys;
      return leaves.computeIfAbsent(
          signature,
          k ->
              registered(
                  new ConceptNode(leaves.size(), concept.term(), ids, Set.copyOf(keys), total)));
    }
    if (query instanceof ResolvedQuery.And and) {
      return new AndNode(and.clauses().stream().map(this::compile).toArray(Node[]::new));
    }
    if (query instanceof ResolvedQuery.Or or) {
      return new OrNode(or.clauses().stream().map(this::compile).toArray(Node[]::new));
    }
    return new NotNode(compile(((ResolvedQuery.Not) query).clause()));
  }

  private Node registered(Node leaf) {
    int id = leafId(leaf);
    if (id >= leafNodes.length) {
      leafNodes = Arrays.copyOf(leafNodes, Math.max(leafNodes.length * 2, id + 1));
    }
    leafNodes[id] = leaf;
    return leaf;
  }

  private static boolean isLeaf(Node node) {
    return node instanceof TextNode || node instanceof NearNode || node instanceof ConceptNode;
  }

  /** Compiles a spelling once for every subscription that uses it. */
  private Alt intern(ResolvedQuery.Spelling spelling) {
    String signature =
        (spelling.cased() ? "c" : "f")
            + (spelling.prefix() ? "p" : "w")
            + String.join("\u0001", spelling.tokens());
    Alt known = interned.get(signature);
    if (known != null) {
      return known;
    }
    List<String> tokens = spelling.tokens();
    int[] ids = new int[tokens.size()];
    int anchor = -1;
    double anchorCost = Double.MAX_VALUE;
    char[] prefix = null;
    for (int i = 0; i < ids.length; i++) {
      String token = tokens.get(i);
      double cost;
      if (spelling.prefix() && i == ids.length - 1) {
        ids[i] = vocabulary.add(Vocabulary.PREFIX, token);
        prefixes.add(token, ids[i]);
        prefix = token.toCharArray();
        cost = Selectivity.prefix(token);
      } else if (spelling.cased()) {
        ids[i] = vocabulary.add(Vocabulary.CASED, token);
        cost = selectivity.ofCased(token);
      } else {
        ids[i] = vocabulary.add(Vocabulary.WORD, token);
        cost = selectivity.of(token);
      }
      if (cost < anchorCost) {
        anchorCost = cost;
        anchor = ids[i];
      }
    }
    Alt alt = new Alt(ids, spelling.cased(), prefix, anchor, anchorCost);
    interned.put(signature, alt);
    return alt;
  }

  // --- evaluation ------------------------------------------------------------------------------

  private boolean eval(Node node, ItemDocument document, Memo memo) {
    if (node instanceof AndNode and) {
      for (Node clause : and.clauses) {
        if (!eval(clause, document, memo)) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof OrNode or) {
      for (Node clause : or.clauses) {
        if (eval(clause, document, memo)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof NotNode not) {
      return !eval(not.clause, document, memo);
    }
    int id = leafId(node);
    byte known = memo.truth[id];
    if (known == 0) {
      known = leaf(node, document) ? (byte) 1 : (byte) 2;
      memo.truth[id] = known;
    }
    return known == 1;
  }

  private static int leafId(Node node) {
    if (node instanceof TextNode text) {
      return text.id;
    }
    if (node instanceof NearNode near) {
      return near.id;
    }
    return ((ConceptNode) node).id;
  }

  private static boolean leaf(Node node, ItemDocument document) {
    if (node instanceof TextNode text) {
      for (Alt alt : text.alts) {
        if (!document.has(alt.anchor) || !document.has(alt.ids[0])) {
          continue; // a word of the spelling is missing: a bit test instead of a look-up
        }
        if (alt.ids.length == 1 && text.fields == ALL_FIELDS) {
          return true;
        }
        if (occurrences(alt, text.fields, document, null, 1) > 0) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof ConceptNode concept) {
      for (int id : concept.ids) {
        if (document.hasConcept(id)) {
          return true;
        }
      }
      return false;
    }
    NearNode near = (NearNode) node;
    for (int f = 0; f < ItemDocument.FIELDS.length; f++) {
      if ((near.fields & (1 << f)) != 0 && windows(near, document, f, null, 1) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts (up to {@code max}) the places where a spelling occurs, adding each as a [field, first
   * token, last token] triple to {@code out} when given.
   */
  private static int occurrences(
      Alt alt, int fields, ItemDocument document, List<int[]> out, int max) {
    int found = 0;
    int length = alt.ids.length;
    for (int p = document.head(alt.ids[0]); p >= 0; p = document.next(p)) {
      int value = document.value(p);
      int field = ItemDocument.field(value);
      if ((fields & (1 << field)) == 0) {
        continue;
      }
      int first = ItemDocument.token(value);
      if (length > 1 && !followedBy(alt, document, field, first)) {
        continue;
      }
      if (out != null) {
        out.add(new int[] {field, first, first + length - 1});
      }
      if (++found >= max) {
        return found;
      }
    }
    return found;
  }

  private static boolean followedBy(Alt alt, ItemDocument document, int field, int first) {
    int length = alt.ids.length;
    if (first + length > document.tokenCount[field]) {
      return false;
    }
    int[] ids = alt.cased ? document.casedId[field] : document.foldId[field];
    for (int k = 1; k < length; k++) {
      int token = first + k;
      if (alt.prefix != null && k == length - 1) {
        if (!document.startsWith(field, token, alt.prefix)) {
          return false;
        }
      } else if (ids[token] != alt.ids[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Windows of one field holding every word of a proximity phrase within {@code slop} other words,
   * in any order; adds [field, first token, last token] triples to {@code out} when given.
   */
  private static int windows(
      NearNode near, ItemDocument document, int field, List<int[]> out, int max) {
    int[] distinct = Arrays.stream(near.words).distinct().toArray();
    int[] need = new int[distinct.length];
    for (int word : near.words) {
      for (int d = 0; d < distinct.length; d++) {
        if (distinct[d] == word) {
          need[d]++;
        }
      }
    }
    long[] occurrences = new long[16];
    int count = 0;
    int[] positions = document.wordPosition[field];
    for (int d = 0; d < distinct.length; d++) {
      int seen = 0;
      for (int p = document.head(distinct[d]); p >= 0; p = document.next(p)) {
        int value = document.value(p);
        if (ItemDocument.field(value) != field) {
          continue;
        }
        int token = ItemDocument.token(value);
        if (count == occurrences.length) {
          occurrences = Arrays.copyOf(occurrences, count * 2);
        }
        occurrences[count++] = (long) positions[token] << 40 | (long) token << 16 | d;
        seen++;
      }
      if (seen < need[d]) {
        return 0;
      }
    }
    Arrays.sort(occurrences, 0, count);
    int[] have = new int[distinct.length];
    int missing = near.words.length;
    int limit = near.words.length + near.slop;
    int found = 0;
    int left = 0;
    for (int right = 0; right < count; right++) {
      int d = (int) (occurrences[right] & 0xFFFF);
      if (have[d]++ < need[d]) {
        missing--;
      }
      while (missing == 0) {
        long first = occurrences[left];
        long span = (occurrences[right] >>> 40) - (first >>> 40) + 1;
        if (span <= limit) {
          if (out != null) {
            out.add(
                new int[] {
                  field,
                  (int) ((first >>> 16) & 0xFFFFFF),
                  (int) ((occurrences[right] >>> 16) & 0xFFFFFF)
                });
          }
          if (++found >= max) {
            return found;
          }
        }
        int dl = (int) (first & 0xFFFF);
        if (--have[dl] < need[dl]) {
          missing++;
        }
        left++;
      }
    }
    return found;
  }

  // --- what matched ----------------------------------------------------------------------------

  /** What matched: a leaf's places as they are, shared; several leaves' without repetition. */
  private List<MatchedTerm> terms(Node root, ItemDocument document, Memo memo) {
    if (isLeaf(root)) {
      return memo.terms.computeIfAbsent(leafId(root), id -> places(root, document));
    }
    List<MatchedTerm> terms = new ArrayList<>();
    collect(root, document, memo, terms);
    return List.copyOf(new LinkedHashSet<>(terms));
  }

  private void collect(Node node, ItemDocument document, Memo memo, List<MatchedTerm> out) {
    if (out.size() >= MAX_TERMS_PER_MATCH) {
      return;
    }
    if (node instanceof AndNode and) {
      for (Node clause : and.clauses) {
        collect(clause, document, memo, out);
      }
    } else if (node instanceof OrNode or) {
      for (Node clause : or.clauses) {
        if (eval(clause, document, memo)) {
          collect(clause, document, memo, out);
        }
      }
    } else if (!(node instanceof NotNode)) {
      out.addAll(memo.terms.computeIfAbsent(leafId(node), id -> places(node, document)));
    }
  }

  /** Where a leaf matched, as reported in alerts. */
  private List<MatchedTerm> places(Node node, ItemDocument document) {
    List<MatchedTerm> out = new ArrayList<>();
    if (node instanceof TextNode text) {
      List<int[]> spans = new ArrayList<>();
      for (Alt alt : text.alts) {
        occurrences(alt, text.fields, document, spans, 4 * MAX_TERMS_PER_LEAF);
      }
      List<int[]> kept = leftmostLongest(spans);
      kept.subList(0, Math.min(kept.size(), MAX_TERMS_PER_LEAF))
          .forEach(span -> out.add(term(text.term, document, span)));
    } else if (node instanceof NearNode near) {
      List<int[]> spans = new ArrayList<>();
      for (int f = 0; f < ItemDocument.FIELDS.length; f++) {
        if ((near.fields & (1 << f)) != 0 && spans.size() < MAX_TERMS_PER_LEAF) {
          windows(near, document, f, spans, MAX_TERMS_PER_LEAF - spans.size());
        }
      }
      spans.forEach(span -> out.add(term(near.term, document, span)));
    } else {
      ConceptNode concept = (ConceptNode) node;
      for (Tag tag : document.item.tags()) {
        if (concepts.keys(tag).stream().noneMatch(concept.keys::contains)) {
          continue;
        }
        for (Evidence evidence : tag.evidence()) {
          if (out.size() >= MAX_TERMS_PER_LEAF) {
            return List.copyOf(out);
          }
          out.add(
              new MatchedTerm(
                  concept.term,
                  evidence.field(),
                  evidence.start(),
                  evidence.end(),
                  evidence.text()));
        }
      }
      if (out.isEmpty()) {
        // a tag without evidence: still say that the concept matched
        out.add(new MatchedTerm(concept.term, ItemDocument.FIELDS[0], 0, 0, ""));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Of overlapping places, the leftmost and then longest: "Islamic State Khorasan Province" rather
   * than also "Islamic State Khorasan" inside it.
   */
  private static List<int[]> leftmostLongest(List<int[]> spans) {
    spans.sort(
        (a, b) ->
            a[0] != b[0]
                ? Integer.compare(a[0], b[0])
                : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(b[2], a[2]));
    List<int[]> kept = new ArrayList<>();
    for (int[] span : spans) {
      int[] last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      if (last == null || last[0] != span[0] || span[1] > last[2]) {
        kept.add(span);
      }
    }
    return kept;
  }

  private static MatchedTerm term(String term, ItemDocument document, int[] span) {
    int field = span[0];
    int start = document.originalStart(field, span[1]);
    int end = document.originalEnd(field, span[2]);
    return new MatchedTerm(
        term, ItemDocument.FIELDS[field], start, end, document.original(field, start, end));
  }
}
