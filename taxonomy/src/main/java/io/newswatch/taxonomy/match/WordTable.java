package io.newswatch.taxonomy.match;

import io.newswatch.taxonomy.text.NormalizedText;
import java.util.Arrays;

/**
 * The words of all phrases, each with a dense id; looked up straight from a text's characters
 * without creating strings, since every word of every item passes through here.
 */
final class WordTable {

  private final IdSlots slots = new IdSlots(64);
  private char[] pool = new char[1024];
  private int[] offsets = new int[64];
  private int[] lengths = new int[64];
  private int size;

  int size() {
    return size;
  }

  static int hash(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /** The id of the word, or -1. {@code rawHash} is {@code 31 * h + c} over its characters. */
  int find(NormalizedText text, int from, int length, int rawHash) {
    int h = hash(rawHash);
    for (int slot = slots.start(h); ; slot = slots.next(slot)) {
      int id = slots.id(slot);
      if (id < 0) {
        return -1;
      }
      if (slots.hashAt(slot) == h && lengths[id] == length && same(id, text, from, length)) {
        return id;
      }
    }
  }

  /** The id of {@code word}, or -1. */
  int find(String word) {
    int raw = 0;
    for (int i = 0; i < word.length(); i++) {
      raw = 31 * raw + word.charAt(i);
    }
    int h = hash(raw);
    for (int slot = slots.start(h); ; slot = slots.next(slot)) {
      int id = slots.id(slot);
      if (id < 0) {
        return -1;
      }
      if (slots.hashAt(slot) == h && lengths[id] == word.length() && same(id, word)) {
        return id;
      }
    }
  }

  /** The id of the word, adding it if new. */
  int add(String word) {
    int raw = 0;
    for (int i = 0; i < word.length(); i++) {
      raw = 31 * raw + word.charAt(i);
    }
    int existing = find(word);
    if (existing >= 0) {
      return existing;
    }
    int id = size++;
    if (id == offsets.length) {
      offsets = Arrays.copyOf(offsets, id * 2);
      lengths = Arrays.copyOf(lengths, id * 2);
    }
    int offset = id == 0 ? 0 : offsets[id - 1] + lengths[id - 1];
    while (offset + word.length() > pool.length) {
      pool = Arrays.copyOf(pool, pool.length * 2);
    }
    word.getChars(0, word.length(), pool, offset);
    offsets[id] = offset;
    lengths[id] = word.length();
    slots.add(id, hash(raw));
    return id;
  }

  private boolean same(int id, NormalizedText text, int from, int length) {
    int offset = offsets[id];
    for (int i = 0; i < length; i++) {
      if (pool[offset + i] != text.charAt(from + i)) {
        return false;
      }
    }
    return true;
  }

  private boolean same(int id, String word) {
    int offset = offsets[id];
    for (int i = 0; i < word.length(); i++) {
      if (pool[offset + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
