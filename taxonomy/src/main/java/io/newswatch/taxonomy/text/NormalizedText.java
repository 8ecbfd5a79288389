package io.newswatch.taxonomy.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A text after {@link TextNormalizer}: the folded and the case-keeping forms, character for
 * character, and for each character the span of the original text it came from.
 */
public final class NormalizedText {

  private final String original;
  private final char[] folded;
  private final char[] cased;
  private final int[] starts;
  private final int[] ends;
  private final int length;

  NormalizedText(
      String original, char[] folded, char[] cased, int[] starts, int[] ends, int length) {
    this.original = original;
    this.folded = folded;
    this.cased = cased;
    this.starts = starts;
    this.ends = ends;
    this.length = length;
  }

  /** The text as given. */
  public String original() {
    return original;
  }

  /** Number of normalised characters. */
  public int length() {
    return length;
  }

  /** The normalised, case-folded text. */
  public String text() {
    return new String(folded, 0, length);
  }

  /** The normalised text with its case kept. */
  public String casedText() {
    return new String(cased, 0, length);
  }

  /** The folded character at {@code index}. */
  public char charAt(int index) {
    return folded[index];
  }

  /** The case-keeping character at {@code index}. */
  public char casedCharAt(int index) {
    return cased[index];
  }

  /** Offset in the original text of the normalised character at {@code index}. */
  public int originalStart(int index) {
    return starts[index];
  }

  /**
   * Offset just past the original characters that gave the normalised character at {@code index}.
   */
  public int originalEnd(int index) {
    return ends[index];
  }

  /** The words and punctuation characters, in order. */
  public List<Token> tokens() {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < length) {
      char c = folded[i];
      if (c == ' ') {
        i++;
        continue;
      }
      int end = i + 1;
      if (CharTable.WORD[c]) {
        while (end < length && CharTable.WORD[folded[end]]) {
          end++;
        }
      }
      tokens.add(
          new Token(
              new String(folded, i, end - i),
              new String(cased, i, end - i),
              tokens.size(),
              starts[i],
              ends[end - 1]));
      i = end;
    }
    return tokens;
  }

  @Override
  public String toString() {
    return text();
  }
}
