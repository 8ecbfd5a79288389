package io.newswatch.alert.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The text keys of the items received last, in memory: which stored texts share a band key with an
 * arrival. Entries come from the story text log in commit order ({@link #add}, positions rising)
 * and are kept in a ring of at most {@code capacity} entries: the oldest is overwritten first.
 *
 * <p>Compact, because it holds tens of thousands of items: an entry is a few primitives, and each
 * of its {@link StoryFingerprint#BANDS} band keys is a posting in a chained hash table of int
 * arrays (about 300 bytes an entry with the item id). A posting's chain runs from the newest
 * posting of its bucket to older ones; an overwritten entry ends every chain that reaches it, since
 * all that is older has been overwritten before it.
 *
 * <p>Thread-safe: every method holds the index's lock.
 */
public final class StoryTextIndex {

  /**
   * A stored text.
   *
   * @param position its place in the story text log (commit order)
   * @param itemId the item
   * @param story its story
   * @param fetchedAt when it was fetched
   * @param simHash its SimHash
   * @param bands its band keys
   */
  public record Entry(
      long position, String itemId, UUID story, Instant fetchedAt, long simHash, int[] bands) {}

  /** Most entries an index may hold (about 5 GB): its posting arrays stay addressable by int. */
  public static final int MAX_CAPACITY = 10_000_000;

  private static final int FIRST_SIZE = 1024;
  private static final int BANDS = StoryFingerprint.BANDS;

  private final int capacity;
  private int size;
  private long added;
  private long lastPosition;
  private long[] positions;
  private String[] itemIds;
  private long[] storyHigh;
  private long[] storyLow;
  private long[] fetchedAt;
  private long[] simHashes;
  private long[] sequence;
  private int[] bandKeys;
  private int[] next;
  private int[] heads;

  /**
   * @param capacity most entries kept
   */
  public StoryTextIndex(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "story index capacity must be between 1 and " + MAX_CAPACITY + ": " + capacity);
    }
    this.capacity = capacity;
    allocate(Math.min(FIRST_SIZE, capacity));
    this.lastPosition = -1;
  }

  /** The position of the last entry added, -1 before the first. */
  public synchronized long lastPosition() {
    return lastPosition;
  }

  /** Entries held now. */
  public synchronized int size() {
    return (int) Math.min(added, capacity);
  }

  /** Most entries held. */
  public int capacity() {
    return capacity;
  }

  /** When the oldest entry held was fetched, or null when empty. */
  public synchronized Instant oldestFetchedAt() {
    if (added == 0) {
      return null;
    }
    long oldest = Long.MAX_VALUE;
    int held = (int) Math.min(added, size);
    for (int slot = 0; slot < held; slot++) {
      oldest = Math.min(oldest, fetchedAt[slot]);
    }
    return Instant.ofEpochMilli(oldest);
  }

  /**
   * Adds an entry; one at or before the last position is ignored (read twice).
   *
   * @return the entry overwritten to make room, or null when none was
   */
  public synchronized Entry add(Entry entry) {
    if (entry.position() <= lastPosition) {
      return null;
    }
    lastPosition = entry.position();
    if (entry.bands().length != BANDS) {
      return null;
    }
    if (added == size && size < capacity) {
      grow();
    }
    int slot = (int) (added % size);
    Entry evicted = null;
    if (added >= size) {
      evicted = entryAt(slot);
      unlinkHeads(slot);
    }
    positions[slot] = entry.position();
    itemIds[slot] = entry.itemId();
    storyHigh[slot] = entry.story().getMostSignificantBits();
    storyLow[slot] = entry.story().getLeastSignificantBits();
    fetchedAt[slot] = entry.fetchedAt().toEpochMilli();
    simHashes[slot] = entry.simHash();
    sequence[slot] = added;
    for (int b = 0; b < BANDS; b++) {
      link(slot * BANDS + b, entry.bands()[b]);
    }
    added++;
    return evicted;
  }

  /**
   * Entries sharing a band key with {@code bands}, fetched within {@code [from, to]}, whose SimHash
   * is at most {@code maxDistance} bits from {@code simHash}: the nearest {@code limit}, then the
   * earliest fetched.
   */
  public synchronized List<Entry> near(
      int[] bands, long simHash, Instant from, Instant to, int maxDistance, int limit) {
    long earliest = from.toEpochMilli();
    long latest = to.toEpochMilli();
    long oldestHeld = added - size;
    List<Integer> found = new ArrayList<>();
    for (int band : bands) {
      int bucket = bucket(band);
      long newer = Long.MAX_VALUE;
      for (int posting = heads[bucket]; posting >= 0; posting = next[posting]) {
        int slot = posting / BANDS;
        long seq = sequence[slot];
        // A chain runs to older entries (an entry's own postings may follow each other); a
        // newer one, or one of another bucket, is an overwritten posting: the chain ends there.
        if (seq > newer || seq < oldestHeld || bucket(bandKeys[posting]) != bucket) {
          break;
        }
        newer = seq;
        if (bandKeys[posting] == band
            && fetchedAt[slot] >= earliest
            && fetchedAt[slot] <= latest
            && StoryFingerprint.distance(simHash, simHashes[slot]) <= maxDistance
            && !found.contains(slot)) {
          found.add(slot);
        }
      }
    }
    return found.stream()
        .sorted(
            Comparator.comparingInt((Integer s) -> StoryFingerprint.distance(simHash, simHashes[s]))
                .thenComparingLong(s -> fetchedAt[s]))
        .limit(limit)
        .map(this::entryAt)
        .toList();
  }

  private Entry entryAt(int slot) {
    int[] bands = new int[BANDS];
    for (int b = 0; b < BANDS; b++) {
      bands[b] = bandKeys[slot * BANDS + b];
    }
    return new Entry(
        positions[slot],
        itemIds[slot],
        new UUID(storyHigh[slot], storyLow[slot]),
        Instant.ofEpochMilli(fetchedAt[slot]),
        simHashes[slot],
        bands);
  }

  /**
   * Before a slot is overwritten: a bucket whose newest posting is one of the slot's starts empty
   * again (all below it is older, so overwritten already), so that no new posting can link to one
   * of its own slot.
   */
  private void unlinkHeads(int slot) {
    for (int posting = slot * BANDS; posting < (slot + 1) * BANDS; posting++) {
      int bucket = bucket(bandKeys[posting]);
      if (heads[bucket] == posting) {
        heads[bucket] = -1;
      }
    }
  }

  private void link(int posting, int band) {
    int bucket = bucket(band);
    bandKeys[posting] = band;
    next[posting] = heads[bucket];
    heads[bucket] = posting;
  }

  private int bucket(int band) {
    // Band keys are hashes already: their low bits spread evenly.
    return band & (heads.length - 1);
  }

  private void allocate(int entries) {
    size = entries;
    positions = new long[entries];
    itemIds = new String[entries];
    storyHigh = new long[entries];
    storyLow = new long[entries];
    fetchedAt = new long[entries];
    simHashes = new long[entries];
    sequence = new long[entries];
    bandKeys = new int[entries * BANDS];
    next = new int[entries * BANDS];
    heads = new int[Integer.highestOneBit(entries * BANDS - 1) << 1];
    Arrays.fill(heads, -1);
  }

  /** Doubles the ring (before it ever wrapped) and links every posting again, oldest first. */
  private void grow() {
    long[] oldPositions = positions;
    String[] oldIds = itemIds;
    long[] oldHigh = storyHigh;
    long[] oldLow = storyLow;
    long[] oldFetched = fetchedAt;
    long[] oldSimHashes = simHashes;
    long[] oldSequence = sequence;
    int[] oldBands = bandKeys;
    int held = size;
    allocate((int) Math.min((long) size * 2, capacity));
    System.arraycopy(oldPositions, 0, positions, 0, held);
    System.arraycopy(oldIds, 0, itemIds, 0, held);
    System.arraycopy(oldHigh, 0, storyHigh, 0, held);
    System.arraycopy(oldLow, 0, storyLow, 0, held);
    System.arraycopy(oldFetched, 0, fetchedAt, 0, held);
    System.arraycopy(oldSimHashes, 0, simHashes, 0, held);
    System.arraycopy(oldSequence, 0, sequence, 0, held);
    for (int posting = 0; posting < held * BANDS; posting++) {
      link(posting, oldBands[posting]);
    }
  }
}
