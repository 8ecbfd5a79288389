package io.newswatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing every supported format and encoding, and refusing hostile documents without quoting them.
 */
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body><h1>secret-page-content</h1></body></html>",
        "\uFEFF  <!DOCTYPE html><html><body>secret-page-content</body></html>",
      })
  void refusesAnHtmlPageWithoutQuotingIt(String html) {
    assertThatThrownBy(() -> parser.parse(html.getBytes(StandardCharsets.UTF_8), "text/html"))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("not a feed: the server sent an HTML page")
        .message()
        .doesNotContain("secret-page-content");
  }

  @Test
  void refusesAnXmlDocumentThatIsNoFeedWithoutQuotingIt() {
    String xml = "<?xml version=\"1.0\"?><secret-root><x>secret</x></secret-root>";

    assertThatThrownBy(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), "text/xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("not a readable RSS or Atom feed: the document is neither RSS nor Atom");
  }

  @Test
  void refusesTruncatedXmlNamingThePosition() {
    String truncated = RSS.substring(0, RSS.indexOf("<pubDate>"));

    assertThatThrownBy(
            () -> parser.parse(truncated.getBytes(StandardCharsets.UTF_8), "application/rss+xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("malformed XML at line");
  }

  @Test
  void refusesAnExternalEntityWithoutFetchingOrReadingIt() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY canary SYSTEM "file:///etc/hostname">]>
        <rss version="2.0"><channel><title>&canary;</title></channel></rss>
        """;

    assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8), "text/xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("DOCTYPE declarations are not allowed");
  }

  @Test
  void readsRss1Rdf() throws Exception {
    String rdf =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://news.example.org/rdf">
            <title>RDF Desk</title>
            <link>https://news.example.org/</link>
            <description>d</description>
            <items><rdf:Seq><rdf:li resource="https://news.example.org/r1"/></rdf:Seq></items>
          </channel>
          <item rdf:about="https://news.example.org/r1">
            <title>Border crossing reopens at Torkham</title>
            <link>https://news.example.org/r1</link>
            <description>Trucks &lt;em&gt;queue&lt;/em&gt; again.</description>
            <dc:date>2026-01-14T06:00:00Z</dc:date>
          </item>
        </rdf:RDF>
        """;

    ParsedFeed feed = parser.parse(rdf.getBytes(StandardCharsets.UTF_8), "application/rdf+xml");

    assertThat(feed.title()).isEqualTo("RDF Desk");
    FeedEntry entry = feed.entries().get(0);
    assertThat(entry.title()).isEqualTo("Border crossing reopens at Torkham");
    assertThat(entry.link()).isEqualTo("https://news.example.org/r1");
    assertThat(entry.summary()).isEqualTo("Trucks queue again.");
    assertThat(entry.publishedAt()).isEqualTo(Instant.parse("2026-01-14T06:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"})
  void readsJsonFeed(String version) throws Exception {
    String json =
        """
        {"version": "%s", "title": "JSON Desk", "language": "en",
         "items": [
           {"id": "j-1", "url": "https://news.example.org/j1", "title": "Floods in <b>Baghlan</b>",
            "content_html": "<p>Rivers rose &amp; roads closed.</p>",
            "summary": "Floods", "date_published": "2026-01-15T07:00:00+04:30"},
           {"id": 42, "content_text": "Numeric id, no title"},
           "not an item"
         ]}
        """
            .formatted(version);

    ParsedFeed feed = parser.parse(json.getBytes(StandardCharsets.UTF_8), "application/feed+json");

    assertThat(feed.title()).isEqualTo("JSON Desk");
    assertThat(feed.language()).isEqualTo("en");
    assertThat(feed.entries()).hasSize(2);
    FeedEntry first = feed.entries().get(0);
    assertThat(first.guid()).isEqualTo("j-1");
    assertThat(first.title()).isEqualTo("Floods in Baghlan");
    assertThat(first.text()).isEqualTo("Rivers rose & roads closed.");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-01-15T02:30:00Z"));
    assertThat(feed.entries().get(1).guid()).isEqualTo("42");
    assertThat(feed.entries().get(1).text()).isEqualTo("Numeric id, no title");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [ | not a readable JSON Feed: malformed JSON at line 1, column",
        "{\"title\": \"secret\", \"items\": []} | not a readable JSON Feed: no jsonfeed.org version 1 declared",
        "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": {}} | not a readable JSON Feed: items is not a list",
      })
  void refusesBrokenJsonFeedsWithoutQuotingThem(String json, String message) {
    assertThatThrownBy(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith(message)
        .message()
        .doesNotContain("secret");
  }

  @Test
  void takesWindows1256ArabicScriptFromTheContentType() throws Exception {
    String title =
        "\u0637\u0627\u0644\u0628\u0627\u0646 \u062f\u0631 \u0628\u062f\u062e\u0634\u0627\u0646";
    String rss =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dari</title>"
            + "<item><guid>ar-1</guid><title>"
            + title
            + "</title></item></channel></rss>";

    ParsedFeed feed =
        parser.parse(
            rss.getBytes(Charset.forName("windows-1256")), "text/xml; charset=windows-1256");

    assertThat(feed.entries().get(0).title()).isEqualTo(title);
  }

  @Test
  void takesTheCharsetFromTheXmlPrologWhenTheHeaderSaysNothing() throws Exception {
    String rss =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>L</title>"
            + "<item><guid>1</guid><title>Caf\u00e9 \u00e0 Herat</title></item></channel></rss>";

    ParsedFeed feed = parser.parse(rss.getBytes(Charset.forName("ISO-8859-1")), null);

    assertThat(feed.entries().get(0).title()).isEqualTo("Caf\u00e9 \u00e0 Herat");
  }

  @Test
  void readsAUtf8ByteOrderMark() throws Exception {
    byte[] body = ("\uFEFF" + RSS).getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(body, null).entries()).hasSize(2);
  }

  @Test
  void turnsDescriptionsFullOfHtmlIntoCleanText() throws Exception {
    String rss =
        """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>t</title><item><guid>h</guid>
        <title>Kunduz &amp;amp; Takhar: &lt;i&gt;update&lt;/i&gt;</title>
        <description><![CDATA[
          <div class="x"><script>alert('x')</script><style>p{}</style>
          <p>First&nbsp;line&hellip;</p>
          <ul><li>one</li><li>two</li></ul>
          <img src="https://tracker.example/p.gif"/> <a href="https://x">read more</a>
        </div>]]></description>
        </item></channel></rss>
        """;

    FeedEntry entry = parser.parse(rss.getBytes(StandardCharsets.UTF_8), null).entries().get(0);

    assertThat(entry.title()).isEqualTo("Kunduz & Takhar: update");
    assertThat(entry.summary()).isEqualTo("First line\u2026 one two read more");
  }

  @Test
  void readsAFeedBuiltFromTheSampleArticles() throws Exception {
    String csto = resource("/articles/csto-warns.txt");
    String russia = resource("/articles/russia-may-help.txt");
    String rss =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
            + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Samples</title>"
            + item("csto", csto)
            + item("russia", russia)
            + "</channel></rss>";

    ParsedFeed feed = parser.parse(rss.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

    assertThat(feed.entries()).hasSize(2);
    assertThat(feed.entries().get(0).title()).isEqualTo(csto.lines().findFirst().orElseThrow());
    assertThat(feed.entries().get(0).text())
        .contains("Collective Security Treaty Organization")
        .doesNotContain("<p>");
    assertThat(feed.entries().get(1).text()).contains("Russia May Help Taliban Fight ISIS");
  }

  private static String item(String guid, String article) {
    String title = article.lines().findFirst().orElseThrow();
    String html =
        article
            .lines()
            .map(line -> "<p>" + line.replace("&", "&amp;").replace("<", "&lt;") + "</p>")
            .reduce("", String::concat);
    return "<item><guid>"
        + guid
        + "</guid><title>"
        + title.replace("&", "&amp;").replace("<", "&lt;")
        + "</title><content:encoded><![CDATA["
        + html
        + "]]></content:encoded></item>";
  }

  private static String resource(String path) throws Exception {
    try (var in = FeedParserTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
