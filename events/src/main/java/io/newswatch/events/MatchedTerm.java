package io.newswatch.events;

import static io.newswatch.events.Checks.require;
import static io.newswatch.events.Checks.requireText;

/**
 * One place where a subscription's query matched an item.
 *
 * @param term the query term or concept that matched, e.g. {@code ISKP} or {@code region:Kunduz}
 * @param field which text field matched
 * @param start offset of the first matched character
 * @param end offset just past the last matched character
 * @param text the text that matched, as written in the item (e.g. an alias of the term)
 */
public record MatchedTerm(String term, TextField field, int start, int end, String text) {

  public MatchedTerm {
    requireText(term, "term");
    require(field, "field");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("match span [" + start + ", " + end + ") is invalid");
    }
    text = Checks.orEmpty(text);
  }
}
