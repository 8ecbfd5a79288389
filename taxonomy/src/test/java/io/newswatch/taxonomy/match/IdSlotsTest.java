package io.newswatch.taxonomy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdSlotsTest {

  /** Probes as the owners do: the id filed under {@code h} that {@code wanted} accepts, or -1. */
  private static int find(IdSlots slots, int h, int wanted) {
    for (int slot = slots.start(h); ; slot = slots.next(slot)) {
      int id = slots.id(slot);
      if (id < 0) {
        return -1;
      }
      if (slots.hashAt(slot) == h && id == wanted) {
        return id;
      }
    }
  }

  @Test
  void findsEveryIdAfterGrowingAndWithCollidingHashes() {
    IdSlots slots = new IdSlots(2);
    for (int id = 0; id < 1000; id++) {
      slots.add(id, id % 7); // many equal hashes: long probe chains
    }
    for (int id = 0; id < 1000; id++) {
      assertThat(find(slots, id % 7, id)).isEqualTo(id);
    }
    assertThat(find(slots, 8, 3)).isEqualTo(-1);
    assertThat(slots.bytes()).isGreaterThanOrEqualTo(2000 * 8L);
  }

  @Test
  void capacityIsAPowerOfTwo() {
    assertThatThrownBy(() -> new IdSlots(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdSlots(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
