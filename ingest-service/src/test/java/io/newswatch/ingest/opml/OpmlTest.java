package io.newswatch.ingest.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and writing OPML, and refusing what an upload must not do. */
class OpmlTest {

  @Test
  void readsFeedOutlinesFromNestedFoldersInDocumentOrder() throws Exception {
    String opml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>Subscriptions</title></head>
          <body>
            <outline text="Afghanistan">
              <outline type="rss" text="Desk A" title="Desk A title" xmlUrl="https://a.example.org/rss"/>
              <outline type="rss" text="Desk B" xmlurl="https://b.example.org/atom"/>
            </outline>
            <outline text="A folder without feeds"/>
            <outline type="rss" xmlUrl="  https://c.example.org/feed.json  "/>
          </body>
        </opml>
        """;

    List<Opml.Outline> outlines = Opml.read(opml.getBytes(StandardCharsets.UTF_8));

    assertThat(outlines)
        .containsExactly(
            new Opml.Outline("https://a.example.org/rss", "Desk A title"),
            new Opml.Outline("https://b.example.org/atom", "Desk B"),
            new Opml.Outline("https://c.example.org/feed.json", null));
  }

  @Test
  void writesOpmlThatReadsBackWithTitlesEscaped() throws Exception {
    List<Opml.Outline> feeds =
        List.of(
            new Opml.Outline("https://a.example.org/rss?x=1&y=2", "Tom & Jerry <news>"),
            new Opml.Outline("https://b.example.org/atom", null));

    String written = Opml.write("NewsWatch feeds", feeds);

    assertThat(written).contains("<opml version=\"2.0\">").contains("&amp;");
    assertThat(Opml.read(written.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            feeds.get(0),
            new Opml.Outline("https://b.example.org/atom", "https://b.example.org/atom"));
  }

  @Test
  void refusesDoctypesSoAnUploadCannotExpandEntities() {
    String laughs =
        """
        <?xml version="1.0"?>
        <!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <opml version="2.0"><body><outline xmlUrl="https://x.example.org/&b;"/></body></opml>
        """;

    assertThatThrownBy(() -> Opml.read(laughs.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OpmlException.class)
        .hasMessage("not readable OPML: DOCTYPE declarations are not allowed");
  }

  @Test
  void refusesSomethingElseNamingWhatIsWrongWithoutQuotingIt() {
    assertThatThrownBy(() -> Opml.read("<rss><secret/></rss>".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("not readable OPML: the document is not an <opml> document");
    assertThatThrownBy(() -> Opml.read("<opml><body><secret".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("not readable OPML: malformed XML at line 1")
        .message()
        .doesNotContain("secret");
  }
}
