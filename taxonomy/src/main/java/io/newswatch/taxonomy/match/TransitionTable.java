package io.newswatch.taxonomy.match;

import java.util.Arrays;

/** The automaton's goto function: (state, word) to next state, in one open-addressing table. */
final class TransitionTable {

  private long[] keys;
  private int[] values;
  private int size;

  TransitionTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, -1L);
  }

  private static long key(int state, int word) {
    return ((long) state << 32) | (word & 0xffffffffL);
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  /** The next state, or -1 when the state has no transition on the word. */
  int get(int state, int word) {
    long k = key(state, word);
    int mask = keys.length - 1;
    for (int s = slot(k, mask); ; s = (s + 1) & mask) {
      long found = keys[s];
      if (found == k) {
        return values[s];
      }
      if (found == -1L) {
        return -1;
      }
    }
  }

  void put(int state, int word, int next) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    long k = key(state, word);
    int mask = keys.length - 1;
    int s = slot(k, mask);
    while (keys[s] != -1L && keys[s] != k) {
      s = (s + 1) & mask;
    }
    if (keys[s] == -1L) {
      size++;
    }
    keys[s] = k;
    values[s] = next;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, -1L);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1L) {
        put((int) (oldKeys[i] >>> 32), (int) oldKeys[i], oldValues[i]);
      }
    }
  }
}
