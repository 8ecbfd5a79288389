package io.newswatch.alert.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryTextIndexTest {

  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(48);

  private final Random random = new Random(7);
  private long position;

  private int[] randomBands() {
    int[] bands = new int[StoryFingerprint.BANDS];
    for (int b = 0; b < bands.length; b++) {
      bands[b] = random.nextInt();
    }
    return bands;
  }

  private StoryTextIndex.Entry entry(String id, int[] bands, long simHash, Instant fetchedAt) {
    return new StoryTextIndex.Entry(
        ++position, id, UUID.nameUUIDFromBytes(id.getBytes()), fetchedAt, simHash, bands);
  }

  private static List<String> ids(List<StoryTextIndex.Entry> entries) {
    return entries.stream().map(StoryTextIndex.Entry::itemId).toList();
  }

  private static List<StoryTextIndex.Entry> near(
      StoryTextIndex index, int[] bands, long simHash, Instant at) {
    return index.near(
        bands, simHash, at.minus(WINDOW), at.plus(WINDOW), StoryFingerprint.MAX_DISTANCE, 20);
  }

  @Test
  void findsATextSharingOneBandKeyWithANearSimHash() {
    StoryTextIndex index = new StoryTextIndex(100);
    int[] stored = randomBands();
    index.add(entry("copy", stored, 0xFF00L, T0));
    index.add(entry("other", randomBands(), 0xFF00L, T0));
    int[] arrival = randomBands();
    arrival[17] = stored[17];

    List<StoryTextIndex.Entry> found = near(index, arrival, 0xFF01L, T0.plusSeconds(60));

    assertThat(ids(found)).containsExactly("copy");
    StoryTextIndex.Entry copy = found.get(0);
    assertThat(copy.story()).isEqualTo(UUID.nameUUIDFromBytes("copy".getBytes()));
    assertThat(copy.fetchedAt()).isEqualTo(T0);
    assertThat(copy.bands()).containsExactly(stored);
    assertThat(copy.position()).isEqualTo(1);
  }

  @Test
  void leavesOutFarSimHashesAndTextsOutsideTheWindow() {
    StoryTextIndex index = new StoryTextIndex(100);
    int[] bands = randomBands();
    index.add(entry("far", bands, 0L, T0));
    index.add(entry("old", bands, 0xFFFFL, T0.minus(WINDOW).minusSeconds(1)));
    index.add(entry("near", bands, 0xFFFFL, T0.minus(WINDOW)));

    List<StoryTextIndex.Entry> found = near(index, bands, 0xFFFFL, T0);

    // "far" differs in 16 bits, more than MAX_DISTANCE (12)
    assertThat(ids(found)).containsExactly("near");
  }

  @Test
  void ordersByDistanceThenFetchTimeAndKeepsTheNearest() {
    StoryTextIndex index = new StoryTextIndex(100);
    int[] bands = randomBands();
    index.add(entry("three-bits", bands, 0b111L, T0));
    index.add(entry("one-bit-later", bands, 0b1L, T0.plusSeconds(10)));
    index.add(entry("one-bit", bands, 0b10L, T0));

    List<StoryTextIndex.Entry> found =
        index.near(bands, 0L, T0.minus(WINDOW), T0.plus(WINDOW), 12, 2);

    assertThat(ids(found)).containsExactly("one-bit", "one-bit-later");
  }

  @Test
  void anEntrySharingSeveralBandsIsFoundOnce() {
    StoryTextIndex index = new StoryTextIndex(100);
    int[] bands = randomBands();
    index.add(entry("copy", bands, 5L, T0));

    assertThat(ids(near(index, bands, 5L, T0))).containsExactly("copy");
  }

  @Test
  void readingAPositionTwiceAddsNothing() {
    StoryTextIndex index = new StoryTextIndex(100);
    int[] bands = randomBands();
    StoryTextIndex.Entry first = entry("first", bands, 5L, T0);
    index.add(first);
    index.add(first);
    index.add(new StoryTextIndex.Entry(1, "again", UUID.randomUUID(), T0, 5L, bands));

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.lastPosition()).isEqualTo(1);
    assertThat(ids(near(index, bands, 5L, T0))).containsExactly("first");
  }

  @Test
  void growsAsEntriesComeAndFindsEveryOneOfThem() {
    StoryTextIndex index = new StoryTextIndex(10_000);
    List<int[]> bands = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      bands.add(randomBands());
      index.add(entry("item-" + i, bands.get(i), i, T0));
    }
    assertThat(index.size()).isEqualTo(5_000);
    for (int i = 0; i < 5_000; i += 97) {
      int[] arrival = randomBands();
      arrival[i % StoryFingerprint.BANDS] = bands.get(i)[i % StoryFingerprint.BANDS];
      assertThat(ids(near(index, arrival, i, T0))).contains("item-" + i);
    }
  }

  @Test
  void overwritesTheOldestWhenFullAndNeverReturnsAnOverwrittenEntry() {
    StoryTextIndex index = new StoryTextIndex(1_000);
    // Few distinct band keys, so that chains are long and overwritten postings sit in them.
    int[] keys = new int[64];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = random.nextInt();
    }
    Map<String, int[]> bandsOf = new HashMap<>();
    List<String> evicted = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      int[] bands = new int[StoryFingerprint.BANDS];
      for (int b = 0; b < bands.length; b++) {
        bands[b] = keys[random.nextInt(keys.length)];
      }
      String id = "item-" + i;
      bandsOf.put(id, bands);
      StoryTextIndex.Entry overwritten = index.add(entry(id, bands, 0L, T0));
      if (overwritten != null) {
        evicted.add(overwritten.itemId());
      }
    }

    assertThat(index.size()).isEqualTo(1_000);
    assertThat(evicted).hasSize(4_000).startsWith("item-0", "item-1").endsWith("item-3999");
    for (int k = 0; k < keys.length; k++) {
      int[] arrival = randomBands();
      arrival[0] = keys[k];
      for (StoryTextIndex.Entry found :
          index.near(arrival, 0L, T0.minus(WINDOW), T0.plus(WINDOW), 0, 5_000)) {
        int number = Integer.parseInt(found.itemId().substring(5));
        assertThat(number).isGreaterThanOrEqualTo(4_000);
        assertThat(bandsOf.get(found.itemId())).contains(keys[k]);
        assertThat(found.bands()).containsExactly(bandsOf.get(found.itemId()));
      }
    }
    // Every entry still held is found by each of its keys.
    for (int i = 4_000; i < 5_000; i += 37) {
      String id = "item-" + i;
      for (int key : bandsOf.get(id)) {
        int[] arrival = randomBands();
        arrival[3] = key;
        assertThat(ids(index.near(arrival, 0L, T0.minus(WINDOW), T0.plus(WINDOW), 0, 5_000)))
            .contains(id);
      }
    }
  }

  @Test
  void tellsWhenItsOldestEntryWasFetched() {
    StoryTextIndex index = new StoryTextIndex(2);
    assertThat(index.oldestFetchedAt()).isNull();
    index.add(entry("a", randomBands(), 1L, T0));
    index.add(entry("b", randomBands(), 1L, T0.plusSeconds(5)));
    index.add(entry("c", randomBands(), 1L, T0.plusSeconds(9)));

    assertThat(index.oldestFetchedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(index.capacity()).isEqualTo(2);
  }

  @Test
  void refusesACapacityItCannotHold() {
    assertThatThrownBy(() -> new StoryTextIndex(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 10000000: 0");
    assertThatThrownBy(() -> new StoryTextIndex(StoryTextIndex.MAX_CAPACITY + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }
}
