package io.newswatch.events;

import static io.newswatch.events.Checks.require;

/**
 * Where in an item a tag or a match was found.
 *
 * @param field which text field
 * @param start offset of the first character in that field (UTF-16 code units, as in Java)
 * @param end offset just past the last character
 * @param text the text found there, as written in the item
 */
public record Evidence(TextField field, int start, int end, String text) {

  public Evidence {
    require(field, "field");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("evidence span [" + start + ", " + end + ") is invalid");
    }
    text = Checks.orEmpty(text);
  }
}
