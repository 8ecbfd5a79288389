package io.newswatch.alert.matching;

import java.util.Arrays;

/**
 * The prefixes of all subscriptions ({@code bomb*}) as a character trie, so that an item's word
 * finds every prefix it starts with in a few steps: most words leave the trie after a letter or
 * two. Each node that ends a prefix carries the prefix's vocabulary id. Grows only; not
 * thread-safe: the index guards it.
 */
final class PrefixTrie {

  private long[] keys = new long[256]; // (node << 16 | char) + 1, 0 = empty
  private int[] children = new int[256];
  private int[] terminal = new int[64]; // vocabulary id of the prefix ending here, or -1
  private int nodes = 1;
  private int edges;

  PrefixTrie() {
    Arrays.fill(terminal, -1);
  }

  boolean isEmpty() {
    return edges == 0;
  }

  /** Adds a prefix ending in the node that carries {@code id}. */
  void add(String prefix, int id) {
    int node = 0;
    for (int i = 0; i < prefix.length(); i++) {
      int next = child(node, prefix.charAt(i));
      if (next < 0) {
        next = nodes++;
        if (next == terminal.length) {
          int old = terminal.length;
          terminal = Arrays.copyOf(terminal, old * 2);
          Arrays.fill(terminal, old, terminal.length, -1);
        }
        put(node, prefix.charAt(i), next);
      }
      node = next;
    }
    terminal[node] = id;
  }

  /** The child of {@code node} on {@code c}, or -1. */
  int child(int node, char c) {
    long key = ((long) node << 16 | c) + 1;
    int mask = keys.length - 1;
    for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
      long found = keys[slot];
      if (found == key) {
        return children[slot];
      }
      if (found == 0) {
        return -1;
      }
    }
  }

  /** The vocabulary id of the prefix ending at {@code node}, or -1. */
  int terminal(int node) {
    return terminal[node];
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void put(int node, char c, int child) {
    if ((edges + 1) * 2 > keys.length) {
      long[] oldKeys = keys;
      int[] oldChildren = children;
      keys = new long[oldKeys.length * 2];
      children = new int[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          insert(oldKeys[i], oldChildren[i]);
        }
      }
    }
    insert(((long) node << 16 | c) + 1, child);
    edges++;
  }

  private void insert(long key, int child) {
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    while (keys[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    children[slot] = child;
  }
}
