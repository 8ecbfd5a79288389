package io.newswatch.taxonomy.match;

import io.newswatch.taxonomy.text.NormalizedText;
import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds every occurrence of many phrases in one pass over a normalised text: an Aho-Corasick
 * automaton over words rather than characters.
 *
 * <p>Matching whole words is then free: a phrase can only start and end where a word does, so
 * "iskp" is never found in "kiskp" nor "Kabul" in "Kabulov". Words no phrase contains send the
 * automaton back to its root at once, and the work per character is one table look-up and a hash
 * step. A phrase added as case-sensitive only matches where the text has exactly its case ("IS",
 * not "is"). Immutable and thread-safe once built.
 *
 * @param <T> what each phrase stands for (an alias of a taxonomy entry, a subscription term)
 */
public final class PhraseMatcher<T> {

  private final WordTable words;
  private final TransitionTable transitions;
  private final int[] failure;
  private final int[] firstOutput; // per state: first pattern ending here, or -1
  private final int[] nextOutput; // per pattern: next pattern ending in the same state, or -1
  private final int[] dictionaryLink; // per state: nearest failure-ancestor with output, or -1
  private final int[] patternLength;
  private final String[][] casedTokens; // null when case-insensitive
  private final String[] phrases;
  private final List<T> payloads;
  private final int stateCount;

  private PhraseMatcher(Builder<T> builder) {
    int patterns = builder.phrases.size();
    this.words = builder.words;
    this.phrases = builder.phrases.toArray(new String[0]);
    this.payloads = List.copyOf(builder.payloads);
    this.patternLength = new int[patterns];
    this.casedTokens = new String[patterns][];
    this.nextOutput = new int[patterns];
    // The trie, built with hash maps, then flattened into the transition table.
    List<Map<Integer, Integer>> children = new ArrayList<>();
    children.add(new HashMap<>());
    List<Integer> terminalOf = new ArrayList<>();
    terminalOf.add(-1);
    int[] terminalState = new int[patterns];
    for (int p = 0; p < patterns; p++) {
      int[] ids = builder.wordIds.get(p);
      patternLength[p] = ids.length;
      casedTokens[p] = builder.cased.get(p);
      int state = 0;
      for (int id : ids) {
        Integer next = children.get(state).get(id);
        if (next == null) {
          next = children.size();
          children.add(new HashMap<>());
          children.get(state).put(id, next);
        }
        state = next;
      }
      terminalState[p] = state;
    }
    stateCount = children.size();
    transitions = new TransitionTable(stateCount);
    for (int state = 0; state < stateCount; state++) {
      for (Map.Entry<Integer, Integer> edge : children.get(state).entrySet()) {
        transitions.put(state, edge.getKey(), edge.getValue());
      }
    }
    firstOutput = new int[stateCount];
    Arrays.fill(firstOutput, -1);
    for (int p = patterns - 1; p >= 0; p--) {
      nextOutput[p] = firstOutput[terminalState[p]];
      firstOutput[terminalState[p]] = p;
    }
    failure = new int[stateCount];
    dictionaryLink = new int[stateCount];
    Arrays.fill(dictionaryLink, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : children.get(0).values()) {
      failure[child] = 0;
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (Map.Entry<Integer, Integer> edge : children.get(state).entrySet()) {
        int word = edge.getKey();
        int child = edge.getValue();
        int f = failure[state];
        while (f != 0 && transitions.get(f, word) < 0) {
          f = failure[f];
        }
        int target = transitions.get(f, word);
        failure[child] = target >= 0 && target != child ? target : 0;
        int fc = failure[child];
        dictionaryLink[child] = firstOutput[fc] >= 0 ? fc : dictionaryLink[fc];
        queue.add(child);
      }
    }
  }

  /** A new builder. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Number of phrases. */
  public int phraseCount() {
    return phrases.length;
  }

  /** Number of distinct words in all phrases. */
  public int wordCount() {
    return words.size();
  }

  /** Number of automaton states. */
  public int stateCount() {
    return stateCount;
  }

  /** Every occurrence of every phrase in {@code text}, overlapping ones included. */
  public List<Hit<T>> findAll(String text) {
    return findAll(TextNormalizer.normalize(text));
  }

  /** Every occurrence of every phrase in a normalised text, in order of their end. */
  public List<Hit<T>> findAll(NormalizedText text) {
    List<Hit<T>> hits = new ArrayList<>();
    int length = text.length();
    int[] tokenStart = new int[Math.max(16, length / 4)];
    int[] tokenEnd = new int[tokenStart.length];
    int tokens = 0;
    int state = 0;
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      int end = i + 1;
      int raw = c;
      if (TextNormalizer.isWordChar(c)) {
        while (end < length) {
          char d = text.charAt(end);
          if (!TextNormalizer.isWordChar(d)) {
            break;
          }
          raw = 31 * raw + d;
          end++;
        }
      }
      if (tokens == tokenStart.length) {
        tokenStart = Arrays.copyOf(tokenStart, tokens * 2);
        tokenEnd = Arrays.copyOf(tokenEnd, tokens * 2);
      }
      tokenStart[tokens] = i;
      tokenEnd[tokens] = end;
      int word = words.find(text, i, end - i, raw);
      if (word < 0) {
        state = 0;
      } else {
        int next;
        while ((next = transitions.get(state, word)) < 0 && state != 0) {
          state = failure[state];
        }
        state = Math.max(next, 0);
        for (int s = firstOutput[state] >= 0 ? state : dictionaryLink[state];
            s >= 0;
            s = dictionaryLink[s]) {
          for (int p = firstOutput[s]; p >= 0; p = nextOutput[p]) {
            int first = tokens - patternLength[p] + 1;
            if (casedTokens[p] == null
                || sameCase(text, casedTokens[p], first, tokenStart, tokenEnd)) {
              int from = text.originalStart(tokenStart[first]);
              int to = text.originalEnd(end - 1);
              hits.add(
                  new Hit<>(
                      payloads.get(p),
                      phrases[p],
                      first,
                      patternLength[p],
                      from,
                      to,
                      text.original().substring(from, to)));
            }
          }
        }
      }
      tokens++;
      i = end;
    }
    return hits;
  }

  private static boolean sameCase(
      NormalizedText text, String[] cased, int first, int[] tokenStart, int[] tokenEnd) {
    for (int k = 0; k < cased.length; k++) {
      String expected = cased[k];
      int start = tokenStart[first + k];
      if (tokenEnd[first + k] - start != expected.length()) {
        return false;
      }
      for (int j = 0; j < expected.length(); j++) {
        if (text.casedCharAt(start + j) != expected.charAt(j)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Keeps, from overlapping hits, the leftmost and then longest: "Islamic State Khorasan Province"
   * rather than "Islamic State" and "Khorasan" inside it. Hits on exactly the same words are all
   * kept: one name that several entries share.
   */
  public static <T> List<Hit<T>> leftmostLongest(List<Hit<T>> hits) {
    List<Hit<T>> sorted = new ArrayList<>(hits);
    sorted.sort(
        Comparator.comparingInt((Hit<T> h) -> h.firstToken())
            .thenComparing(Comparator.comparingInt((Hit<T> h) -> h.tokenCount()).reversed()));
    List<Hit<T>> kept = new ArrayList<>();
    int coveredUntil = -1;
    Hit<T> last = null;
    for (Hit<T> hit : sorted) {
      boolean sameSpan =
          last != null
              && hit.firstToken() == last.firstToken()
              && hit.tokenCount() == last.tokenCount();
      if (sameSpan || hit.firstToken() > coveredUntil) {
        kept.add(hit);
        last = hit;
        coveredUntil = Math.max(coveredUntil, hit.firstToken() + hit.tokenCount() - 1);
      }
    }
    return kept;
  }

  /**
   * One occurrence of a phrase.
   *
   * @param payload what the phrase stands for
   * @param phrase the phrase as it was added
   * @param firstToken index of its first word in the text's tokens
   * @param tokenCount number of words (and punctuation characters) it spans
   * @param start offset of its first character in the original text
   * @param end offset just past its last character in the original text
   * @param text the original text at that span, as written
   */
  public record Hit<T>(
      T payload, String phrase, int firstToken, int tokenCount, int start, int end, String text) {}

  /** Collects phrases; {@link #build()} compiles them. */
  public static final class Builder<T> {

    private final WordTable words = new WordTable();
    private final List<String> phrases = new ArrayList<>();
    private final List<T> payloads = new ArrayList<>();
    private final List<int[]> wordIds = new ArrayList<>();
    private final List<String[]> cased = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a phrase, normalised like the texts it will be found in.
     *
     * @throws IllegalArgumentException when the phrase has no words after normalisation
     */
    public Builder<T> add(String phrase, boolean caseSensitive, T payload) {
      Objects.requireNonNull(payload, "payload");
      List<Token> tokens = TextNormalizer.normalize(phrase).tokens();
      if (tokens.isEmpty()) {
        throw new IllegalArgumentException("phrase has no words: '" + phrase + "'");
      }
      int[] ids = new int[tokens.size()];
      String[] casedForms = caseSensitive ? new String[tokens.size()] : null;
      for (int i = 0; i < ids.length; i++) {
        ids[i] = words.add(tokens.get(i).term());
        if (casedForms != null) {
          casedForms[i] = tokens.get(i).casedTerm();
        }
      }
      phrases.add(phrase);
      payloads.add(payload);
      wordIds.add(ids);
      cased.add(casedForms);
      return this;
    }

    /** The matcher for the phrases added so far. */
    public PhraseMatcher<T> build() {
      return new PhraseMatcher<>(this);
    }
  }
}
