package io.newswatch.stack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Builds small RSS 2.0 documents for tests and demo feeds. */
public final class Rss {

  private final String title;
  private final List<String> items = new ArrayList<>();

  private Rss(String title) {
    this.title = title;
  }

  public static Rss channel(String title) {
    return new Rss(title);
  }

  /** Adds an item; {@code guid} and {@code link} may be null. */
  public Rss item(String guid, String link, String title, String description, Instant published) {
    StringBuilder item = new StringBuilder("    <item>\n");
    if (guid != null) {
      item.append("      <guid isPermaLink=\"false\">").append(escape(guid)).append("</guid>\n");
    }
    if (link != null) {
      item.append("      <link>").append(escape(link)).append("</link>\n");
    }
    item.append("      <title>").append(escape(title)).append("</title>\n");
    item.append("      <description>").append(escape(description)).append("</description>\n");
    if (published != null) {
      item.append("      <pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(published.atOffset(ZoneOffset.UTC)))
          .append("</pubDate>\n");
    }
    items.add(item.append("    </item>\n").toString());
    return this;
  }

  /** The document. */
  public String build() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\">\n  <channel>\n"
        + "    <title>"
        + escape(title)
        + "</title>\n    <link>https://news.example.org/</link>\n"
        + "    <description>"
        + escape(title)
        + "</description>\n"
        + String.join("", items)
        + "  </channel>\n</rss>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
