package io.newswatch.taxonomy.match;

/**
 * The hash index of a table of keys with dense ids: open addressing with linear probing over
 * precomputed hashes, kept at most half full. The owner keeps the keys and decides equality, so
 * that it can probe straight from a text's characters without creating strings:
 *
 * <pre>{@code
 * for (int slot = slots.start(h); ; slot = slots.next(slot)) {
 *   int id = slots.id(slot);
 *   if (id < 0) return -1;                      // not there
 *   if (slots.hashAt(slot) == h && sameKey(id, ...)) return id;
 * }
 * }</pre>
 *
 * Used by the classifier's word table and by alert-service's subscription vocabulary.
 */
public final class IdSlots {

  private int[] slots; // id + 1, 0 = empty
  private int[] hashes;
  private int size;

  /** An empty index for about {@code capacity / 2} ids; {@code capacity} a power of two. */
  public IdSlots(int capacity) {
    if (capacity < 2 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two, at least 2");
    }
    slots = new int[capacity];
    hashes = new int[capacity];
  }

  /** Where probing for hash {@code h} starts. */
  public int start(int h) {
    return h & (slots.length - 1);
  }

  /** The slot probed after {@code slot}. */
  public int next(int slot) {
    return (slot + 1) & (slots.length - 1);
  }

  /** The id filed in {@code slot}, or -1 when it is empty: the key is not there. */
  public int id(int slot) {
    return slots[slot] - 1;
  }

  /** The hash of the id filed in {@code slot}. */
  public int hashAt(int slot) {
    return hashes[slot];
  }

  /** Files a new id under its hash, growing first when the index would be over half full. */
  public void add(int id, int h) {
    if ((size + 1) * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    insert(id, h);
    size++;
  }

  /** Bytes held. */
  public long bytes() {
    return slots.length * 8L;
  }

  private void insert(int id, int h) {
    int slot = start(h);
    while (slots[slot] != 0) {
      slot = next(slot);
    }
    slots[slot] = id + 1;
    hashes[slot] = h;
  }

  private void rehash(int capacity) {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[capacity];
    hashes = new int[capacity];
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != 0) {
        insert(oldSlots[i] - 1, oldHashes[i]);
      }
    }
  }
}
