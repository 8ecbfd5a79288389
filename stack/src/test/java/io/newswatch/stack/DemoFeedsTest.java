package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoFeedsTest {

  @Test
  void buildsOneFeedPerSampleArticleWithItsSubstantialParagraphs() {
    List<DemoFeeds.Feed> feeds = DemoFeeds.load();

    assertThat(feeds).hasSize(5);
    assertThat(feeds)
        .allSatisfy(feed -> assertThat(feed.items()).hasSize(DemoFeeds.ITEMS_PER_FEED));
    Set<String> guids = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (DemoFeeds.Feed feed : feeds) {
      assertThat(paths.add(feed.path())).isTrue();
      for (DemoFeeds.Item item : feed.items()) {
        assertThat(guids.add(item.guid())).as(item.guid()).isTrue();
        assertThat(paths.add(item.articlePath())).isTrue();
        assertThat(item.title().length()).isLessThanOrEqualTo(DemoFeeds.MAX_TITLE);
        assertThat(item.text().split("\\s+").length).isGreaterThanOrEqualTo(DemoFeeds.MIN_WORDS);
      }
    }
  }

  @Test
  void someStoriesAreForTheDemoSubscriptionAndSomeAreNot() {
    List<DemoFeeds.Item> items = DemoFeeds.releaseOrder(DemoFeeds.load());

    long relevant =
        items.stream()
            .filter(item -> item.text().matches("(?s).*(ISIS-K|ISKP|Khorasan|Badakhshan).*"))
            .count();
    assertThat(relevant).isBetween(5L, (long) items.size() - 5);
  }

  @Test
  void menusAndCommentBoxesAreNotParagraphs() {
    String page =
        """
        Home
          • About Us
        You have commented 358 times on Rantburg.
        The Islamic State's Khorasan Province attacked the Russian embassy in Kabul with a suicide bomber on 5 September, killing six people including two diplomats.
        Share on FacebookShare on Twitter
        """;

    assertThat(DemoFeeds.paragraphs(page))
        .containsExactly(
            "The Islamic State's Khorasan Province attacked the Russian embassy in Kabul with a"
                + " suicide bomber on 5 September, killing six people including two diplomats.");
  }

  @Test
  void aHeadlineIsTheFirstSentenceCutAtAWord() {
    assertThat(DemoFeeds.headline("Fighters moved into two districts. Officials said more."))
        .isEqualTo("Fighters moved into two districts.");
    // "U.S." inside the first 20 characters does not end the sentence.
    assertThat(DemoFeeds.headline("The U.S. had received intelligence early. Then more."))
        .isEqualTo("The U.S. had received intelligence early.");
    assertThat(
            DemoFeeds.headline(
                "While ISIS blamed a Russian wing, the U.S. had intelligence. More."))
        .isEqualTo("While ISIS blamed a Russian wing, the U.S. had intelligence.");
    String longSentence = "word ".repeat(40).strip() + ".";
    String headline = DemoFeeds.headline(longSentence);
    assertThat(headline).hasSizeLessThanOrEqualTo(DemoFeeds.MAX_TITLE).endsWith("word…");
  }

  @Test
  void releasesTheFeedsInTurn() {
    DemoFeeds.Feed a = DemoFeeds.feed("000_a.txt", "/a.xml", "A", paragraphs(3));
    DemoFeeds.Feed b = DemoFeeds.feed("001_b.txt", "/b.xml", "B", paragraphs(1));

    assertThat(DemoFeeds.releaseOrder(List.of(a, b)))
        .extracting(DemoFeeds.Item::guid)
        .containsExactly(
            "newswatch-demo-000-1",
            "newswatch-demo-001-1",
            "newswatch-demo-000-2",
            "newswatch-demo-000-3");
  }

  @Test
  void aFeedShowsOnlyReleasedItemsNewestFirst() {
    DemoFeeds.Feed feed = DemoFeeds.feed("000_a.txt", "/a.xml", "Desk A", paragraphs(3));
    Map<String, Instant> released =
        Map.of(
            "newswatch-demo-000-1", Instant.parse("2026-01-15T08:00:00Z"),
            "newswatch-demo-000-2", Instant.parse("2026-01-15T08:00:04Z"));

    String rss = DemoFeeds.rss(feed, released, path -> "http://127.0.0.1:9999" + path);

    assertThat(rss)
        .contains("<title>Desk A</title>")
        .contains("<link>http://127.0.0.1:9999/articles/000/2</link>")
        .doesNotContain("newswatch-demo-000-3");
    assertThat(rss.indexOf("newswatch-demo-000-2")).isLessThan(rss.indexOf("newswatch-demo-000-1"));
  }

  private static String paragraphs(int count) {
    StringBuilder article = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      article
          .append("Paragraph ")
          .append(i)
          .append(" tells of fighters, officials and markets in the provinces of the north, in")
          .append(" enough words to count as news and not as a menu.\n");
    }
    return article.toString();
  }
}
