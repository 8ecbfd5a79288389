package io.newswatch.alert.matching;

import io.newswatch.taxonomy.match.IdSlots;
import java.util.Arrays;

/**
 * Every key the index's subscriptions use (folded words, words with their case, prefixes, concept
 * keys), each with a dense id; looked up straight from an item's characters without creating
 * strings. Grows only: ids stay valid while subscriptions come and go. Not thread-safe: the index
 * guards it.
 */
final class Vocabulary {

  static final char WORD = 'w';
  static final char CASED = 'c';
  static final char PREFIX = 'p';
  static final char CONCEPT = 'k';

  private final IdSlots slots = new IdSlots(1024);
  private char[] pool = new char[4096];
  private int[] offsets = new int[256]; // where the key (without its kind) starts in the pool
  private int[] lengths = new int[256];
  private char[] kinds = new char[256];
  private int size;
  private int poolSize;
  private boolean hasCased;

  int size() {
    return size;
  }

  /** True once some key keeps its case: items then look their words up with case too. */
  boolean hasCased() {
    return hasCased;
  }

  /** The polynomial hash of characters, step by step: {@code h = 31 * h + c}. */
  static int step(int raw, char c) {
    return 31 * raw + c;
  }

  private static int mix(int raw, char kind) {
    int h = raw ^ (kind * 0x9E3779B9);
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  private static int raw(CharSequence key) {
    int raw = 0;
    for (int i = 0; i < key.length(); i++) {
      raw = step(raw, key.charAt(i));
    }
    return raw;
  }

  /** The id of a key, or -1. */
  int find(char kind, CharSequence key) {
    int h = mix(raw(key), kind);
    for (int slot = slots.start(h); ; slot = slots.next(slot)) {
      int id = slots.id(slot);
      if (id < 0) {
        return -1;
      }
      if (slots.hashAt(slot) == h && kinds[id] == kind && same(id, key)) {
        return id;
      }
    }
  }

  /** The id of {@code chars[from, from + length)} as a key of {@code kind}, or -1. */
  int find(char kind, char[] chars, int from, int length, int raw) {
    int h = mix(raw, kind);
    for (int slot = slots.start(h); ; slot = slots.next(slot)) {
      int id = slots.id(slot);
      if (id < 0) {
        return -1;
      }
      if (slots.hashAt(slot) == h
          && kinds[id] == kind
          && lengths[id] == length
          && Arrays.equals(pool, offsets[id], offsets[id] + length, chars, from, from + length)) {
        return id;
      }
    }
  }

  /** The id of a key, adding it when new. */
  int add(char kind, CharSequence key) {
    int existing = find(kind, key);
    if (existing >= 0) {
      return existing;
    }
    int id = size++;
    if (id == offsets.length) {
      offsets = Arrays.copyOf(offsets, id * 2);
      lengths = Arrays.copyOf(lengths, id * 2);
      kinds = Arrays.copyOf(kinds, id * 2);
    }
    while (poolSize + key.length() > pool.length) {
      pool = Arrays.copyOf(pool, pool.length * 2);
    }
    for (int i = 0; i < key.length(); i++) {
      pool[poolSize + i] = key.charAt(i);
    }
    offsets[id] = poolSize;
    lengths[id] = key.length();
    kinds[id] = kind;
    poolSize += key.length();
    hasCased |= kind == CASED;
    slots.add(id, mix(raw(key), kind));
    return id;
  }

  /** The key of an id, for diagnostics. */
  String key(int id) {
    return kinds[id] + ":" + new String(pool, offsets[id], lengths[id]);
  }

  /** Bytes held, roughly. */
  long bytes() {
    return slots.bytes() + pool.length * 2L + offsets.length * 10L;
  }

  private boolean same(int id, CharSequence key) {
    if (lengths[id] != key.length()) {
      return false;
    }
    int offset = offsets[id];
    for (int i = 0; i < key.length(); i++) {
      if (pool[offset + i] != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
