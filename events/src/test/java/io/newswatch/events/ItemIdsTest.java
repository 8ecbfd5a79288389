package io.newswatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ItemIdsTest {

  private static final Instant DATE = Instant.parse("2026-01-15T08:30:00Z");

  @Test
  void sameGuidFromSameFeedGivesSameId() {
    assertThat(ItemIds.fromGuid("17", "urn:item:42"))
        .isEqualTo(ItemIds.fromGuid("17", "urn:item:42"));
  }

  @Test
  void idIsStableAcrossReleases() {
    // A changed hash would republish every item already seen. The value is SHA-256 of
    // "17\u001fguid\u001furn:item:42", computed independently.
    assertThat(ItemIds.fromGuid("17", "urn:item:42"))
        .isEqualTo(ItemIds.fromGuid("17", " urn:item:42 "));
    assertThat(ItemIds.fromGuid("17", "urn:item:42")).isEqualTo("3f7d05b4a423f61e044097e596e8ca22");
  }

  @Test
  void sameGuidInAnotherFeedIsAnotherItem() {
    assertThat(ItemIds.fromGuid("17", "1")).isNotEqualTo(ItemIds.fromGuid("18", "1"));
  }

  @Test
  void evidenceKindsDoNotCollide() {
    String value = "https://news.example.org/a";

    assertThat(ItemIds.fromGuid("17", value)).isNotEqualTo(ItemIds.fromLink("17", value));
  }

  @Test
  void titleAndDateIgnoreCaseAndSpacing() {
    assertThat(ItemIds.fromTitleAndDate("17", "  Clashes in  Kunduz ", DATE))
        .isEqualTo(ItemIds.fromTitleAndDate("17", "clashes in kunduz", DATE))
        .isNotEqualTo(ItemIds.fromTitleAndDate("17", "clashes in kunduz", DATE.plusSeconds(60)))
        .isNotEqualTo(ItemIds.fromTitleAndDate("17", "clashes in kunduz", null));
  }

  @Test
  void idsHaveAFixedShape() {
    assertThat(ItemIds.fromLink("17", "https://news.example.org/a")).matches(ItemIds::isValid);
    assertThat(ItemIds.isValid("not-an-id")).isFalse();
    assertThat(ItemIds.isValid("5B0C8A3F9E2D4C61A7F08E1D2B3C4A59")).isFalse();
  }

  @Test
  void refusesBlankEvidence() {
    assertThatThrownBy(() -> ItemIds.fromGuid("17", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("guid");
    assertThatThrownBy(() -> ItemIds.fromGuid("", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feedId");
  }
}
