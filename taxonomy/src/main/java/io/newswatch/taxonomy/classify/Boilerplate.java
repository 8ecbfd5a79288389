package io.newswatch.taxonomy.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the page furniture that scraped article text carries: menus, share buttons, comment forms,
 * copyright and cookie lines, and the "related posts" or "more in" lists of other articles after
 * the story. Names found there describe other pages, so they must not tag the item.
 *
 * <p>The rules, line by line: (1) a line that is a known furniture phrase ("Share on Facebook",
 * "Back to Top", a © line); (2) a bare link; (3) a run of three or more short lines without
 * sentence punctuation (blank lines between them allowed), or of bullet items: a menu; (4) a short
 * line that announces other articles ("Related Posts", "More in International", "Popular"), when it
 * comes after the longest paragraph (the story): it and everything after it.
 */
public final class Boilerplate {

  private static final List<String> TAIL_MARKERS =
      List.of(
          "related posts",
          "related articles",
          "related stories",
          "related news",
          "related",
          "more in",
          "more from",
          "more stories",
          "more news",
          "you may also like",
          "you might also like",
          "recommended",
          "recommended for you",
          "most read",
          "most popular",
          "popular",
          "popular posts",
          "latest from twitter",
          "latest news",
          "latest posts",
          "trending",
          "trending now",
          "read more",
          "read also",
          "also read",
          "see also",
          "leave a comment",
          "leave a reply",
          "comments",
          "know more about this story");

  private static final List<String> FURNITURE =
      List.of(
          "share on facebook",
          "share on twitter",
          "share this",
          "back to top",
          "scroll to top",
          "no result",
          "view all result",
          "posted by",
          "you have commented",
          "comments have been" + " closed",
          "your e-mail",
          "your email",
          "your name",
          "sign up for",
          "subscribe to our newsletter",
          "all rights reserved",
          "this website uses cookies",
          "cookie policy",
          "privacy policy",
          "skip to content",
          "print this article");

  private static final Pattern COUNT = Pattern.compile("\\(\\d+\\)");
  private static final Pattern TRAILING = Pattern.compile("[:?!.\u2026\\s]+$");
  private static final int SHORT_WORDS = 4;
  private static final int BULLET_WORDS = 8;
  private static final int MARKER_WORDS = 6;

  private Boilerplate() {}

  /** Character ranges {start, end} of {@code text} that are furniture, in order. */
  public static List<int[]> ranges(String text) {
    List<Line> lines = lines(text);
    boolean[] furniture = new boolean[lines.size()];
    int longest = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.trimmed.length() > lines.get(longest).trimmed.length()) {
        longest = i;
      }
      furniture[i] = isFurniture(line.lower);
    }
    markMenus(lines, furniture);
    for (int i = longest + 1; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.words <= MARKER_WORDS && isTailMarker(line.lower)) {
        for (int j = i; j < lines.size(); j++) {
          furniture[j] = true;
        }
        break;
      }
    }
    List<int[]> ranges = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!furniture[i]) {
        continue;
      }
      Line line = lines.get(i);
      if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] >= line.start - 1) {
        ranges.get(ranges.size() - 1)[1] = line.end;
      } else {
        ranges.add(new int[] {line.start, line.end});
      }
    }
    return ranges;
  }

  /** True when {@code offset} lies in one of {@code ranges}. */
  static boolean covers(List<int[]> ranges, int offset) {
    for (int[] range : ranges) {
      if (offset >= range[0] && offset < range[1]) {
        return true;
      }
    }
    return false;
  }

  private static void markMenus(List<Line> lines, boolean[] furniture) {
    int runStart = -1;
    int runLength = 0;
    for (int i = 0; i <= lines.size(); i++) {
      Line line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.trimmed.isEmpty()) {
        continue;
      }
      boolean menuLike =
          line != null
              && ((line.bullet && line.words <= BULLET_WORDS)
                  || (line.words <= SHORT_WORDS && !line.sentenceEnd));
      if (menuLike) {
        if (runLength == 0) {
          runStart = i;
        }
        runLength++;
        continue;
      }
      if (runLength >= 3) {
        for (int j = runStart; j < i; j++) {
          furniture[j] = true;
        }
      }
      runLength = 0;
    }
  }

  private static boolean isFurniture(String lower) {
    if (lower.contains("\u00A9") || lower.startsWith("copyright")) {
      return true;
    }
    if ((lower.startsWith("http://") || lower.startsWith("https://")) && !lower.contains(" ")) {
      return true; // a bare link: its words are a path, not a sentence
    }
    for (String phrase : FURNITURE) {
      if (lower.contains(phrase)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTailMarker(String lower) {
    String bare = TRAILING.matcher(COUNT.matcher(lower).replaceAll("")).replaceAll("").strip();
    for (String marker : TAIL_MARKERS) {
      if (bare.equals(marker) || (marker.startsWith("more ") && bare.startsWith(marker + " "))) {
        return true;
      }
    }
    return false;
  }

  private static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        lines.add(new Line(text, start, text.length()));
        return lines;
      }
      lines.add(new Line(text, start, end));
      start = end + 1;
    }
  }

  /** Words of a line, counted up to one more than any rule looks at. */
  private static int countWords(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length() && words <= BULLET_WORDS; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** One line of the text and what the rules look at. */
  private static final class Line {
    final int start;
    final int end;
    final String trimmed;
    final String lower;
    final int words;
    final boolean bullet;
    final boolean sentenceEnd;

    Line(String text, int start, int end) {
      this.start = start;
      this.end = end;
      this.trimmed = text.substring(start, end).strip();
      this.lower = trimmed.toLowerCase(Locale.ROOT);
      this.bullet =
          !trimmed.isEmpty() && "\u2022\u00B7\u25AA\u25BA\u2023*".indexOf(trimmed.charAt(0)) >= 0;
      this.words = countWords(trimmed);
      char last = trimmed.isEmpty() ? ' ' : trimmed.charAt(trimmed.length() - 1);
      this.sentenceEnd =
          last == '.' || last == '!' || last == '?' || last == '"' || last == '\u201D';
    }
  }
}
