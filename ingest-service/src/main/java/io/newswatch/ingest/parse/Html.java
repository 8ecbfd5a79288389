package io.newswatch.ingest.parse;

import org.jsoup.Jsoup;

/** Turns the HTML that feeds put in titles and descriptions into clean plain text. */
final class Html {

  private Html() {}

  /** Tags dropped, entities decoded, whitespace collapsed; never null. */
  static String plain(String htmlOrText) {
    if (htmlOrText == null || htmlOrText.isBlank()) {
      return "";
    }
    String text = Jsoup.parseBodyFragment(htmlOrText).text();
    // Control characters other than whitespace have no place in a headline.
    return text.replaceAll("[\\p{Cc}&&[^\\s]]", "").strip();
  }
}
