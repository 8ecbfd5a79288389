package io.newswatch.alert.matching;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Evidence;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Tag;
import io.newswatch.events.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A keyword query: every term must occur in the item, as a whole word in its text or as the name or
 * id of one of its tags (so {@code ISKP} also matches an item tagged ISKP from "ISIS-K").
 *
 * <p>The walking skeleton's query language; the full one (boolean operators, phrases, proximity,
 * concept filters) replaces it.
 */
public final class KeywordQuery {

  /** Most terms a query may have. */
  public static final int MAX_TERMS = 20;

  private final List<String> terms;

  private KeywordQuery(List<String> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses a query: terms separated by white space.
   *
   * @throws QuerySyntaxException for an empty query or too many terms
   */
  public static KeywordQuery parse(String query) {
    List<String> terms = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      while (i < query.length() && Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < query.length() && !Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (terms.size() == MAX_TERMS) {
          throw new QuerySyntaxException(start, "at most " + MAX_TERMS + " terms");
        }
        terms.add(query.substring(start, i));
      }
    }
    if (terms.isEmpty()) {
      throw new QuerySyntaxException(0, "a term");
    }
    return new KeywordQuery(terms);
  }

  public List<String> terms() {
    return terms;
  }

  /** Where each term matched, or an empty list when some term does not match. */
  public List<MatchedTerm> match(ClassifiedItem item) {
    List<MatchedTerm> matches = new ArrayList<>();
    for (String term : terms) {
      List<MatchedTerm> found = matchTerm(term, item);
      if (found.isEmpty()) {
        return List.of();
      }
      matches.addAll(found);
    }
    return matches;
  }

  private static List<MatchedTerm> matchTerm(String term, ClassifiedItem item) {
    List<MatchedTerm> found = new ArrayList<>();
    String needle = term.toLowerCase(Locale.ROOT);
    for (Tag tag : item.tags()) {
      if (tag.id().equalsIgnoreCase(term) || tag.name().equalsIgnoreCase(term)) {
        for (Evidence evidence : tag.evidence()) {
          found.add(
              new MatchedTerm(
                  term, evidence.field(), evidence.start(), evidence.end(), evidence.text()));
        }
      }
    }
    for (TextField field : TextField.values()) {
      String text = item.item().field(field);
      String haystack = text.toLowerCase(Locale.ROOT);
      for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        int end = at + needle.length();
        if (isBoundary(haystack, at - 1) && isBoundary(haystack, end)) {
          MatchedTerm match = new MatchedTerm(term, field, at, end, text.substring(at, end));
          if (!found.contains(match)) {
            found.add(match);
          }
        }
      }
    }
    return found;
  }

  private static boolean isBoundary(String text, int index) {
    return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
