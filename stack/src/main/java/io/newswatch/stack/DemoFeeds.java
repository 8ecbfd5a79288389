package io.newswatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's feeds, built from the sample articles shipped with the launcher: one feed per article,
 * its substantial paragraphs as items, released one at a time in round-robin order so that the
 * stories trickle in as a newsroom's would.
 */
final class DemoFeeds {

  private static final String RESOURCES = "/io/newswatch/stack/demo/";

  /** Paragraphs shorter than this are page furniture (menus, comment boxes), not news. */
  static final int MIN_WORDS = 20;

  /** Items taken from each article: enough for a couple of minutes of demo. */
  static final int ITEMS_PER_FEED = 5;

  /** Longest item title; a longer first sentence is cut at a word. */
  static final int MAX_TITLE = 100;

  /** One feed of the demo. */
  record Feed(String path, String title, List<Item> items) {}

  /**
   * One item of a demo feed.
   *
   * @param guid stable across runs, so a re-released item is known as the same story
   * @param articlePath where the demo feed server serves the item's text (its link)
   */
  record Item(
      String feedPath,
      String feedTitle,
      String guid,
      String articlePath,
      String title,
      String text) {}

  private DemoFeeds() {}

  /** The demo feeds from the launcher's resources. */
  static List<Feed> load() {
    List<Feed> feeds = new ArrayList<>();
    for (String line : resource("feeds.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t");
      if (columns.length != 3) {
        throw new IllegalStateException("feeds.tsv: expected 3 tab-separated columns: " + line);
      }
      feeds.add(feed(columns[0], columns[1], columns[2], resource("articles/" + columns[0])));
    }
    return feeds;
  }

  /** A feed made of the first {@link #ITEMS_PER_FEED} substantial paragraphs of an article. */
  static Feed feed(String articleFile, String path, String title, String article) {
    String key =
        articleFile.contains("_")
            ? articleFile.substring(0, articleFile.indexOf('_'))
            : articleFile;
    List<Item> items = new ArrayList<>();
    for (String paragraph : paragraphs(article)) {
      if (items.size() == ITEMS_PER_FEED) {
        break;
      }
      int n = items.size() + 1;
      items.add(
          new Item(
              path,
              title,
              "newswatch-demo-" + key + "-" + n,
              "/articles/" + key + "/" + n,
              headline(paragraph),
              paragraph));
    }
    return new Feed(path, title, List.copyOf(items));
  }

  /** The paragraphs of an article worth an item: one per line, at least {@link #MIN_WORDS}. */
  static List<String> paragraphs(String article) {
    List<String> paragraphs = new ArrayList<>();
    for (String line : article.split("\\R")) {
      String paragraph = line.strip();
      if (!paragraph.isEmpty() && paragraph.split("\\s+").length >= MIN_WORDS) {
        paragraphs.add(paragraph);
      }
    }
    return paragraphs;
  }

  /**
   * A title for a paragraph: its first sentence, cut at a word boundary with an ellipsis when
   * longer than {@link #MAX_TITLE}. A capital and a full stop ("U.S.", "J. Smith") end no sentence.
   */
  static String headline(String paragraph) {
    String sentence = paragraph;
    for (int i = 20; i < paragraph.length() - 1; i++) {
      char c = paragraph.charAt(i);
      boolean initial =
          c == '.'
              && Character.isUpperCase(paragraph.charAt(i - 1))
              && !Character.isLetter(paragraph.charAt(i - 2));
      if ((c == '.' || c == '?' || c == '!')
          && !initial
          && Character.isWhitespace(paragraph.charAt(i + 1))) {
        sentence = paragraph.substring(0, i + 1);
        break;
      }
    }
    if (sentence.length() <= MAX_TITLE) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', MAX_TITLE - 1);
    return sentence.substring(0, cut > 0 ? cut : MAX_TITLE - 1).stripTrailing() + "…";
  }

  /** Every item of every feed in release order: first items of each feed, then second ones... */
  static List<Item> releaseOrder(List<Feed> feeds) {
    List<Item> order = new ArrayList<>();
    int longest = feeds.stream().mapToInt(feed -> feed.items().size()).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (Feed feed : feeds) {
        if (i < feed.items().size()) {
          order.add(feed.items().get(i));
        }
      }
    }
    return order;
  }

  /**
   * The RSS document of a feed with the items released so far, newest first, as a news site
   * publishes them.
   *
   * @param releasedAt when each released item (by guid) came out; items not in it are left out
   * @param url the absolute URL of a path on the demo feed server
   */
  static String rss(Feed feed, Map<String, Instant> releasedAt, Function<String, String> url) {
    Rss rss = Rss.channel(feed.title());
    List<Item> released = new ArrayList<>();
    for (Item item : feed.items()) {
      if (releasedAt.containsKey(item.guid())) {
        released.add(0, item);
      }
    }
    for (Item item : released) {
      rss.item(
          item.guid(),
          url.apply(item.articlePath()),
          item.title(),
          item.text(),
          releasedAt.get(item.guid()));
    }
    return rss.build();
  }

  private static String resource(String name) {
    try (InputStream in = DemoFeeds.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the launcher lacks its resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
