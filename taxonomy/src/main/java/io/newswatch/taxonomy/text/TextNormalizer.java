package io.newswatch.taxonomy.text;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The one text normalisation of NewsWatch, used by the classifier for item text and aliases and by
 * alert-service for query terms, so that both see the same words.
 *
 * <p>In order: Unicode compatibility forms (NFKC: full-width letters, ligatures, presentation
 * forms); diacritics removed; case folded (case-sensitive aliases compare against {@link
 * NormalizedText#casedText()}, which keeps the case); Arabic-script letter variants unified (ي/ی,
 * ك/ک, ە/ه, ة/ه) and all digits written as ASCII digits; zero-width and format characters removed;
 * every run of spaces and dashes (hyphen, non-breaking hyphen, en and em dash, minus) written as
 * one space; apostrophes removed, and with them a possessive {@code 's}. Every normalised character
 * remembers the span of the original text it came from, so that evidence points into the original.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  /** Normalises {@code original}, keeping the map back to its offsets. */
  public static NormalizedText normalize(String original) {
    // A char array, because charAt on a string with non-Latin-1 characters checks every index.
    char[] source = original.toCharArray();
    int length = source.length;
    int capacity = length + 16;
    char[] folded = new char[capacity];
    char[] cased = new char[capacity];
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int out = 0;
    for (int i = 0; i < length; i++) {
      char c = source[i];
      byte kind = CharTable.KIND[c];
      if (out + 8 >= folded.length) {
        int grown = folded.length * 2;
        folded = Arrays.copyOf(folded, grown);
        cased = Arrays.copyOf(cased, grown);
        starts = Arrays.copyOf(starts, grown);
        ends = Arrays.copyOf(ends, grown);
      }
      switch (kind) {
        case CharTable.SINGLE -> {
          folded[out] = CharTable.FOLDED[c];
          cased[out] = CharTable.CASED[c];
          starts[out] = i;
          ends[out] = i + 1;
          out++;
        }
        case CharTable.SEPARATOR -> {
          if (out > 0 && folded[out - 1] != ' ') {
            folded[out] = ' ';
            cased[out] = ' ';
            starts[out] = i;
            ends[out] = i + 1;
            out++;
          }
        }
        case CharTable.MARK -> {
          if (out > 0 && folded[out - 1] != ' ') {
            ends[out - 1] = i + 1;
          }
        }
        case CharTable.DROP -> {
          // nothing: a zero-width character joins what it separated
        }
        case CharTable.APOSTROPHE -> {
          if (isPossessiveS(source, i, out > 0 && CharTable.WORD[folded[out - 1]])) {
            i++;
          }
        }
        case CharTable.MULTI -> {
          String f = CharTable.EXPANSION_FOLDED[c];
          String k = CharTable.EXPANSION_CASED[c];
          for (int j = 0; j < f.length(); j++) {
            folded[out] = f.charAt(j);
            cased[out] = k.charAt(j);
            starts[out] = i;
            ends[out] = i + 1;
            out++;
          }
        }
        default -> {
          int width =
              Character.isHighSurrogate(c)
                      && i + 1 < length
                      && Character.isLowSurrogate(source[i + 1])
                  ? 2
                  : 1;
          String mapped = CharTable.map(original.substring(i, i + width));
          if (out + mapped.length() + 8 >= folded.length) {
            int grown = folded.length * 2 + mapped.length();
            folded = Arrays.copyOf(folded, grown);
            cased = Arrays.copyOf(cased, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
          }
          for (int j = 0; j < mapped.length(); j++) {
            char m = mapped.charAt(j);
            if (Character.isSurrogate(m)) {
              continue; // emoji and other symbols outside the BMP never form words
            }
            folded[out] = CharTable.fold(m);
            cased[out] = m;
            starts[out] = i;
            ends[out] = i + width;
            out++;
          }
          i += width - 1;
        }
      }
    }
    if (out > 0 && folded[out - 1] == ' ') {
      out--;
    }
    return new NormalizedText(original, folded, cased, starts, ends, out);
  }

  /**
   * The normalised form of a term or phrase: its tokens, folded, joined by single spaces. Two terms
   * match the same text exactly when their keys are equal, so this is the key for alias look-ups.
   */
  public static String key(String term) {
    StringJoiner key = new StringJoiner(" ");
    for (Token token : normalize(term).tokens()) {
      key.add(token.term());
    }
    return key.toString();
  }

  /** The same key, keeping case: what a case-sensitive alias must equal. */
  public static String casedKey(String term) {
    StringJoiner key = new StringJoiner(" ");
    for (Token token : normalize(term).tokens()) {
      key.add(token.casedTerm());
    }
    return key.toString();
  }

  /** True when a normalised character is a letter or digit, that is, part of a word. */
  public static boolean isWordChar(char normalized) {
    return CharTable.WORD[normalized];
  }

  /** An apostrophe followed by s and a word end, right after a word: a possessive to remove. */
  private static boolean isPossessiveS(char[] text, int apostrophe, boolean afterWord) {
    if (!afterWord || apostrophe + 1 >= text.length) {
      return false;
    }
    char s = text[apostrophe + 1];
    if (s != 's' && s != 'S') {
      return false;
    }
    return apostrophe + 2 >= text.length || !Character.isLetterOrDigit(text[apostrophe + 2]);
  }
}
