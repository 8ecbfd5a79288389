package io.newswatch.taxonomy.text;

/**
 * One word (a run of letters and digits) or one punctuation character of a normalised text.
 *
 * @param term the folded form, as matching compares it
 * @param casedTerm the same characters with their case kept
 * @param position index of the token in its text, for phrases and proximity
 * @param start offset of its first character in the original text
 * @param end offset just past its last character in the original text
 */
public record Token(String term, String casedTerm, int position, int start, int end) {

  /** True for a word, false for a punctuation character. */
  public boolean isWord() {
    return !term.isEmpty() && TextNormalizer.isWordChar(term.charAt(0));
  }
}
