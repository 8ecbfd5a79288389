package io.newswatch.taxonomy.text;

import java.text.Normalizer;

/**
 * What the normaliser does with each character of the Basic Multilingual Plane, computed once, so
 * that normalising costs one table look-up per character instead of a Unicode normalisation call.
 */
final class CharTable {

  /** Maps to one character: {@link #FOLDED} and {@link #CASED} hold it. */
  static final byte SINGLE = 0;

  /** Removed without trace (zero-width and format characters, tatweel). */
  static final byte DROP = 1;

  /** Removed, but belongs to the character before it (combining marks, diacritics). */
  static final byte MARK = 2;

  /** Space, dash or other separator: runs of them become one space. */
  static final byte SEPARATOR = 3;

  /** Expands to several characters: {@link #EXPANSION_FOLDED} and {@link #EXPANSION_CASED}. */
  static final byte MULTI = 4;

  /** An apostrophe or a letter used as one (ʿ, ʼ): removed, and with it a possessive s. */
  static final byte APOSTROPHE = 5;

  /** Half of a surrogate pair: normalised through the slow path. */
  static final byte SURROGATE = 6;

  static final byte[] KIND = new byte[65536];
  static final char[] FOLDED = new char[65536];
  static final char[] CASED = new char[65536];
  static final String[] EXPANSION_FOLDED = new String[65536];
  static final String[] EXPANSION_CASED = new String[65536];

  /** True for the characters that form words (letters and digits), after folding. */
  static final boolean[] WORD = new boolean[65536];

  private static final String APOSTROPHES =
      "'\u2019\u2018\u201B\u02BC\u02BB\u02BD\u02BE\u02BF`\u00B4\u2032\uFF07";

  static {
    for (int c = 0; c < 65536; c++) {
      WORD[c] = Character.isLetterOrDigit(c);
    }
    for (int c = 0; c < 65536; c++) {
      classify((char) c);
    }
  }

  private CharTable() {}

  private static void classify(char c) {
    if (Character.isSurrogate(c)) {
      KIND[c] = SURROGATE;
      return;
    }
    if (APOSTROPHES.indexOf(c) >= 0) {
      KIND[c] = APOSTROPHE;
      return;
    }
    if (isSeparator(c)) {
      KIND[c] = SEPARATOR;
      return;
    }
    int type = Character.getType(c);
    if (type == Character.FORMAT || c == '\u0640') {
      KIND[c] = DROP;
      return;
    }
    if (isMark(type)) {
      KIND[c] = MARK;
      return;
    }
    String cased = map(String.valueOf(c));
    if (cased.isEmpty()) {
      KIND[c] = DROP;
    } else if (cased.length() == 1 && isSeparator(cased.charAt(0))) {
      KIND[c] = SEPARATOR;
    } else if (cased.length() == 1 && APOSTROPHES.indexOf(cased.charAt(0)) >= 0) {
      KIND[c] = APOSTROPHE;
    } else if (cased.length() == 1) {
      KIND[c] = SINGLE;
      CASED[c] = cased.charAt(0);
      FOLDED[c] = fold(cased.charAt(0));
    } else {
      KIND[c] = MULTI;
      StringBuilder folded = new StringBuilder(cased.length());
      StringBuilder keptCased = new StringBuilder(cased.length());
      for (int i = 0; i < cased.length(); i++) {
        char part = cased.charAt(i);
        // An expansion may contain spaces (U+FDFA) or apostrophes; keep only what forms words.
        char kept = isSeparator(part) || APOSTROPHES.indexOf(part) >= 0 ? ' ' : part;
        keptCased.append(kept);
        folded.append(fold(kept));
      }
      EXPANSION_CASED[c] = keptCased.toString();
      EXPANSION_FOLDED[c] = folded.toString();
    }
  }

  /**
   * Compatibility decomposition without diacritics, with the letter variants of the Arabic script
   * unified and every digit written as an ASCII digit.
   */
  static String map(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char d = decomposed.charAt(i);
      if (isMark(Character.getType(d)) || Character.getType(d) == Character.FORMAT) {
        continue;
      }
      out.append(unifyVariant(d));
    }
    return out.toString();
  }

  /** Simple case folding, one character to one, so that offsets stay aligned. */
  static char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  static boolean isSeparator(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.getType(c) == Character.DASH_PUNCTUATION
        || Character.getType(c) == Character.CONTROL
        || c == '\u2212'
        || c == '\u2043';
  }

  private static boolean isMark(int type) {
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Letters that Persian, Arabic, Pashto and Urdu write differently for the same sound. */
  private static char unifyVariant(char c) {
    switch (c) {
      case '\u064A': // Arabic yeh
      case '\u0649': // alef maksura
      case '\u06CD': // Pashto yeh with tail
      case '\u06D0': // Pashto yeh
      case '\u06D2': // Urdu yeh barree
        return '\u06CC'; // Persian yeh
      case '\u0643': // Arabic kaf
      case '\u06AA': // swash kaf
        return '\u06A9'; // keheh
      case '\u06D5': // ae
      case '\u0629': // teh marbuta
      case '\u06BE': // heh doachashmee
      case '\u06C1': // heh goal
        return '\u0647'; // heh
      case '\u0671': // alef wasla
        return '\u0627'; // alef
      case '\u06AB': // Pashto kaf with ring
        return '\u06AF'; // gaf
      default:
        if (c > 127 && Character.isDigit(c)) {
          return (char) ('0' + Character.digit(c, 10));
        }
        return c;
    }
  }
}
