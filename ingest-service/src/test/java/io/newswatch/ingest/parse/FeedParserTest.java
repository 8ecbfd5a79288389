package io.newswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private final FeedParser parser = new FeedParser();

  private static final String RSS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0">
        <channel>
          <title>Khaama Example</title>
          <language>en</language>
          <item>
            <guid isPermaLink="false">urn:example:1</guid>
            <link>https://news.example.org/a?utm_source=rss</link>
            <title>ISIS-K fighters in &lt;b&gt;Badakhshan&lt;/b&gt;</title>
            <description><![CDATA[<p>Officials in <a href="x">Fayzabad</a> said&nbsp;fighters   moved.</p>]]></description>
            <pubDate>Thu, 15 Jan 2026 08:30:00 GMT</pubDate>
          </item>
          <item>
            <link>https://news.example.org/b</link>
            <title>No guid here</title>
          </item>
        </channel>
      </rss>
      """;

  @Test
  void readsRss2ItemsAsPlainText() throws Exception {
    ParsedFeed feed = parser.parse(RSS.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

    assertThat(feed.title()).isEqualTo("Khaama Example");
    assertThat(feed.language()).isEqualTo("en");
    assertThat(feed.entries()).hasSize(2);
    FeedEntry first = feed.entries().get(0);
    assertThat(first.guid()).isEqualTo("urn:example:1");
    assertThat(first.link()).isEqualTo("https://news.example.org/a?utm_source=rss");
    assertThat(first.title()).isEqualTo("ISIS-K fighters in Badakhshan");
    assertThat(first.summary()).isEqualTo("Officials in Fayzabad said fighters moved.");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));
  }

  @Test
  void anRssItemWithoutGuidHasNoGuidEvenThoughRomeFallsBackToTheLink() throws Exception {
    ParsedFeed feed = parser.parse(RSS.getBytes(StandardCharsets.UTF_8), null);

    assertThat(feed.entries().get(1).guid()).isNull();
    assertThat(feed.entries().get(1).link()).isEqualTo("https://news.example.org/b");
  }

  @Test
  void readsAtom() throws Exception {
    String atom =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Atom Example</title>
          <id>urn:feed</id>
          <updated>2026-01-15T08:30:00Z</updated>
          <entry>
            <id>urn:entry:1</id>
            <title>Clashes in Kunduz</title>
            <link href="https://news.example.org/k"/>
            <updated>2026-01-15T08:30:00Z</updated>
            <content type="html">&lt;p&gt;Heavy &amp;amp; sustained&lt;/p&gt;</content>
          </entry>
        </feed>
        """;

    ParsedFeed feed = parser.parse(atom.getBytes(StandardCharsets.UTF_8), "application/atom+xml");

    assertThat(feed.entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.guid()).isEqualTo("urn:entry:1");
              assertThat(entry.link()).isEqualTo("https://news.example.org/k");
              assertThat(entry.text()).isEqualTo("Heavy & sustained");
            });
  }

  @Test
  void takesTheCharsetFromTheContentTypeHeader() throws Exception {
    String rss =
        """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Latin</title>
        <item><guid>1</guid><title>Caf\u00e9 in Kab\u00fcl</title></item></channel></rss>
        """;

    ParsedFeed feed =
        parser.parse(rss.getBytes(Charset.forName("ISO-8859-1")), "text/xml; charset=ISO-8859-1");

    assertThat(feed.entries().get(0).title()).isEqualTo("Caf\u00e9 in Kab\u00fcl");
  }

  @Test
  void refusesDoctypesSoNoEntityIsEverExpanded() {
    String laughs =
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
        <rss version="2.0"><channel><title>&lol2;</title></channel></rss>
        """;

    assertThatThrownBy(() -> parser.parse(laughs.getBytes(StandardCharsets.UTF_8), "text/xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("DOCTYPE declarations are not allowed");
  }

  @Test
  void refusesAnHtmlPageWithoutQuotingIt() {
    String html = "<html><body><h1>secret-page-content</h1></body></html>";

    assertThatThrownBy(() -> parser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("not a readable RSS or Atom feed")
        .message()
        .doesNotContain("secret-page-content");
  }

  @Test
  void refusesTruncatedXmlNamingThePosition() {
    String truncated = RSS.substring(0, RSS.indexOf("<pubDate>"));

    assertThatThrownBy(
            () -> parser.parse(truncated.getBytes(StandardCharsets.UTF_8), "application/rss+xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("malformed XML at line");
  }
}
