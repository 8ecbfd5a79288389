package io.newswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.ItemIds;
import io.newswatch.events.RawItem;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Item ids, text limits and date clamping of raw items. */
class ItemMapperTest {

  private static final Instant NOW = Instant.parse("2026-01-15T09:00:00Z");

  @Test
  void prefersTheGuid() {
    FeedEntry entry = new FeedEntry("urn:1", "https://x.example/a", "t", "", "", null);

    assertThat(ItemMapper.idOf("7", entry)).isEqualTo(ItemIds.fromGuid("7", "urn:1"));
  }

  @Test
  void withoutGuidTheSameArticleGetsOneIdWhateverItsTrackingParameters() {
    FeedEntry plain = new FeedEntry(null, "https://news.example.org/a?id=3", "t", "", "", null);
    FeedEntry tracked =
        new FeedEntry(
            null,
            "HTTPS://News.Example.org/a?utm_source=rss&id=3&fbclid=x#comments",
            "t",
            "",
            "",
            null);

    assertThat(ItemMapper.idOf("7", tracked)).isEqualTo(ItemMapper.idOf("7", plain));
  }

  @Test
  void withNeitherGuidNorLinkTitleAndDateDecide() {
    Instant date = Instant.parse("2026-01-15T08:00:00Z");
    FeedEntry entry = new FeedEntry(null, null, "Clashes in Kunduz", "", "", date);

    assertThat(ItemMapper.idOf("7", entry))
        .isEqualTo(ItemIds.fromTitleAndDate("7", "Clashes in Kunduz", date));
  }

  @Test
  void cutsOverlongTextAndFlagsIt() {
    FeedEntry entry = new FeedEntry("g", null, "t", "s", "x".repeat(50), null);

    RawItem item =
        new ItemMapper(10).toRawItem("7", "https://f.example/rss", "Src", "en", entry, NOW);

    assertThat(item.text()).hasSize(10);
    assertThat(item.flags()).containsExactly(RawItem.FLAG_TRUNCATED);
    assertThat(item.fetchedAt()).isEqualTo(NOW);
    assertThat(item.language()).isEqualTo("en");
  }

  @ParameterizedTest
  @CsvSource({
    "https://News.Example.org/a#top, https://news.example.org/a",
    "https://news.example.org/a?utm_medium=x&utm_campaign=y, https://news.example.org/a",
    "https://news.example.org/a?b=1&utm_medium=x&c=2, https://news.example.org/a?b=1&c=2",
    "https://news.example.org, https://news.example.org/",
    "not a uri, not a uri"
  })
  void normalisesLinks(String link, String expected) {
    assertThat(LinkNormalizer.normalize(link)).isEqualTo(expected);
  }

  @Test
  void clampsADateFarInTheFutureToTheFetchTimeAndFlagsIt() {
    FeedEntry entry = new FeedEntry("g", null, "t", "", "", Instant.parse("2030-01-01T00:00:00Z"));

    RawItem item =
        new ItemMapper(100).toRawItem("7", "https://f.example/rss", "S", null, entry, NOW);

    assertThat(item.publishedAt()).isEqualTo(NOW);
    assertThat(item.flags()).containsExactly(RawItem.FLAG_DATE_CLAMPED);
  }

  @Test
  void clampsADateBefore1990AndFlagsIt() {
    FeedEntry entry = new FeedEntry("g", null, "t", "", "", Instant.parse("1970-01-01T00:00:00Z"));

    RawItem item =
        new ItemMapper(100).toRawItem("7", "https://f.example/rss", "S", null, entry, NOW);

    assertThat(item.publishedAt()).isEqualTo(ItemMapper.EARLIEST);
    assertThat(item.flags()).containsExactly(RawItem.FLAG_DATE_CLAMPED);
  }

  @Test
  void keepsADateSlightlyAheadOfOurClock() {
    Instant soon = NOW.plusSeconds(3600);
    FeedEntry entry = new FeedEntry("g", null, "t", "", "", soon);

    RawItem item =
        new ItemMapper(100).toRawItem("7", "https://f.example/rss", "S", null, entry, NOW);

    assertThat(item.publishedAt()).isEqualTo(soon);
    assertThat(item.flags()).isEmpty();
  }

  @Test
  void anItemWithoutGuidOrLinkKeepsItsIdWhenItsFutureDateIsClamped() {
    FeedEntry entry =
        new FeedEntry(null, null, "Clashes", "", "", Instant.parse("2099-01-01T00:00:00Z"));
    ItemMapper mapper = new ItemMapper(100);

    String first = mapper.toRawItem("7", "u", "S", null, entry, NOW).id();
    String later = mapper.toRawItem("7", "u", "S", null, entry, NOW.plusSeconds(600)).id();

    assertThat(first).isEqualTo(later);
  }
}
