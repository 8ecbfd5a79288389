package io.newswatch.alert.matching;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Tag;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.text.NormalizedText;
import io.newswatch.taxonomy.text.TextNormalizer;
import java.util.Arrays;

/**
 * One item as the index sees it: per field, the normalised tokens (words and punctuation
 * characters) with the vocabulary ids of their folded and cased forms; postings from id to the
 * places it occurs (prefix ids included); and the concept keys of its tags with their ancestors.
 * Built once per item, in one pass over each field, without a string per word.
 */
final class ItemDocument {

  static final TextField[] FIELDS = TextField.values();

  final ClassifiedItem item;
  final NormalizedText[] texts = new NormalizedText[FIELDS.length];
  final char[][] folded = new char[FIELDS.length][];
  final int[] tokenCount = new int[FIELDS.length];
  final int[][] tokenStart = new int[FIELDS.length][];
  final int[][] tokenEnd = new int[FIELDS.length][];
  final int[][] foldId = new int[FIELDS.length][];
  final int[][] casedId = new int[FIELDS.length][];
  final int[][] wordPosition = new int[FIELDS.length][];

  // postings: open addressing from id to the head of a linked list of (field << 28 | token)
  private int[] keys = new int[256]; // id + 1
  private int[] heads = new int[256];
  private int[] postingValue = new int[512];
  private int[] postingNext = new int[512];
  private int postings;
  private int[] present = new int[128];
  private int presentCount;
  private int[] conceptIds = new int[0];
  private final long[] presentBits; // ids with postings, by vocabulary id

  private ItemDocument(ClassifiedItem item, int vocabularySize) {
    this.item = item;
    this.presentBits = new long[(vocabularySize + 63) >>> 6];
  }

  static ItemDocument build(
      ClassifiedItem item, Vocabulary vocabulary, PrefixTrie prefixes, Concepts concepts) {
    ItemDocument document = new ItemDocument(item, vocabulary.size());
    for (int f = 0; f < FIELDS.length; f++) {
      document.tokenize(f, item.item().field(FIELDS[f]), vocabulary, prefixes);
    }
    int[] ids = new int[8];
    int count = 0;
    for (Tag tag : item.tags()) {
      for (String key : concepts.keys(tag)) {
        int id = vocabulary.find(Vocabulary.CONCEPT, key);
        if (id >= 0) {
          if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
          }
          ids[count++] = id;
        }
      }
    }
    int[] sorted = Arrays.copyOf(ids, count);
    Arrays.sort(sorted);
    document.conceptIds = Arrays.stream(sorted).distinct().toArray();
    return document;
  }

  private void tokenize(int field, String text, Vocabulary vocabulary, PrefixTrie prefixes) {
    NormalizedText normalized = TextNormalizer.normalize(text);
    char[] chars = normalized.text().toCharArray();
    char[] cased = vocabulary.hasCased() ? normalized.casedText().toCharArray() : null;
    texts[field] = normalized;
    folded[field] = chars;
    int capacity = Math.max(8, chars.length / 3);
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int[] fold = new int[capacity];
    int[] caseIds = new int[capacity];
    int[] positions = new int[capacity];
    boolean noPrefixes = prefixes.isEmpty();
    int tokens = 0;
    int words = 0;
    int length = chars.length;
    int i = 0;
    while (i < length) {
      char c = chars[i];
      if (c == ' ') {
        i++;
        continue;
      }
      if (tokens == starts.length) {
        int grown = tokens * 2;
        starts = Arrays.copyOf(starts, grown);
        ends = Arrays.copyOf(ends, grown);
        fold = Arrays.copyOf(fold, grown);
        caseIds = Arrays.copyOf(caseIds, grown);
        positions = Arrays.copyOf(positions, grown);
      }
      boolean word = TextNormalizer.isWordChar(c);
      int raw = Vocabulary.step(0, c);
      int end = i + 1;
      int node = word && !noPrefixes ? prefixes.child(0, c) : -1;
      if (node >= 0 && prefixes.terminal(node) >= 0) {
        add(prefixes.terminal(node), field, tokens);
      }
      if (word) {
        while (end < length && TextNormalizer.isWordChar(chars[end])) {
          char d = chars[end];
          raw = Vocabulary.step(raw, d);
          if (node >= 0) {
            node = prefixes.child(node, d);
            if (node >= 0 && prefixes.terminal(node) >= 0) {
              add(prefixes.terminal(node), field, tokens);
            }
          }
          end++;
        }
      }
      int id = vocabulary.find(Vocabulary.WORD, chars, i, end - i, raw);
      if (id >= 0) {
        add(id, field, tokens);
      }
      int casedIdentity = -1;
      if (cased != null) {
        int rawCased = 0;
        for (int k = i; k < end; k++) {
          rawCased = Vocabulary.step(rawCased, cased[k]);
        }
        casedIdentity = vocabulary.find(Vocabulary.CASED, cased, i, end - i, rawCased);
        if (casedIdentity >= 0) {
          add(casedIdentity, field, tokens);
        }
      }
      starts[tokens] = i;
      ends[tokens] = end;
      fold[tokens] = id;
      caseIds[tokens] = casedIdentity;
      positions[tokens] = word ? words++ : -1;
      tokens++;
      i = end;
    }
    tokenCount[field] = tokens;
    tokenStart[field] = starts;
    tokenEnd[field] = ends;
    foldId[field] = fold;
    casedId[field] = caseIds;
    wordPosition[field] = positions;
  }

  private void add(int id, int field, int token) {
    if ((presentCount + 1) * 2 > keys.length) {
      grow();
    }
    if (postings == postingValue.length) {
      postingValue = Arrays.copyOf(postingValue, postings * 2);
      postingNext = Arrays.copyOf(postingNext, postings * 2);
    }
    int mask = keys.length - 1;
    int slot = slot(id, mask);
    while (keys[slot] != 0 && keys[slot] != id + 1) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == 0) {
      keys[slot] = id + 1;
      heads[slot] = -1;
      if (presentCount == present.length) {
        present = Arrays.copyOf(present, presentCount * 2);
      }
      present[presentCount++] = id;
      presentBits[id >>> 6] |= 1L << id;
    }
    // Tokens come in order; postings are read back newest first, which no caller minds.
    postingValue[postings] = field << 28 | token;
    postingNext[postings] = heads[slot];
    heads[slot] = postings++;
  }

  private static int slot(int id, int mask) {
    int h = id * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldHeads = heads;
    keys = new int[oldKeys.length * 2];
    heads = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slot(oldKeys[i] - 1, mask);
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        heads[slot] = oldHeads[i];
      }
    }
  }

  /** True when the item has the word, cased word or prefix with this id. */
  boolean has(int id) {
    return (presentBits[id >>> 6] & (1L << id)) != 0;
  }

  /** The first posting of an id, or -1. */
  int head(int id) {
    int mask = keys.length - 1;
    for (int slot = slot(id, mask); ; slot = (slot + 1) & mask) {
      int key = keys[slot];
      if (key == id + 1) {
        return heads[slot];
      }
      if (key == 0) {
        return -1;
      }
    }
  }

  int next(int posting) {
    return postingNext[posting];
  }

  static int field(int value) {
    return value >>> 28;
  }

  static int token(int value) {
    return value & 0x0FFFFFFF;
  }

  int value(int posting) {
    return postingValue[posting];
  }

  /** Ids with postings, each once. */
  int presentCount() {
    return presentCount;
  }

  int present(int index) {
    return present[index];
  }

  int[] conceptIds() {
    return conceptIds;
  }

  boolean hasConcept(int id) {
    return Arrays.binarySearch(conceptIds, id) >= 0;
  }

  /** True when the token is a word starting with the folded {@code prefix}. */
  boolean startsWith(int field, int token, char[] prefix) {
    int start = tokenStart[field][token];
    int length = tokenEnd[field][token] - start;
    if (wordPosition[field][token] < 0 || length < prefix.length) {
      return false;
    }
    return Arrays.equals(folded[field], start, start + prefix.length, prefix, 0, prefix.length);
  }

  /** Offset in the original field text where the token starts. */
  int originalStart(int field, int token) {
    return texts[field].originalStart(tokenStart[field][token]);
  }

  /** Offset in the original field text just past the token. */
  int originalEnd(int field, int token) {
    return texts[field].originalEnd(tokenEnd[field][token] - 1);
  }

  String original(int field, int from, int to) {
    return texts[field].original().substring(from, to);
  }
}
