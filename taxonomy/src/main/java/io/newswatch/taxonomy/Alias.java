package io.newswatch.taxonomy;

import io.newswatch.taxonomy.text.TextNormalizer;

/**
 * One name of a taxonomy entry.
 *
 * @param text the name as written in the taxonomy
 * @param caseSensitive matched only where the text has exactly this case (acronyms such as IS, US)
 * @param weak counts only when a containing region below country level is named in the same item
 *     (district names that are also common words or shared by several districts)
 * @param script the writing system of the name
 * @param key the normalised form that texts are compared with, see {@link TextNormalizer#key}
 */
public record Alias(String text, boolean caseSensitive, boolean weak, Script script, String key) {

  /** An alias with its script and key computed. */
  public static Alias of(String text, boolean caseSensitive, boolean weak) {
    return new Alias(text, caseSensitive, weak, Script.of(text), TextNormalizer.key(text));
  }
}
