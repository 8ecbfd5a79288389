package io.newswatch.taxonomy;

import java.util.Locale;

/** The writing system of an alias. */
public enum Script {
  LATIN,
  ARABIC,
  CYRILLIC,
  OTHER;

  /** The script of most letters of {@code text}. */
  public static Script of(String text) {
    int latin = 0;
    int arabic = 0;
    int cyrillic = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      switch (Character.UnicodeScript.of(cp)) {
        case LATIN -> latin++;
        case ARABIC -> arabic++;
        case CYRILLIC -> cyrillic++;
        default -> other++;
      }
    }
    int max = Math.max(Math.max(latin, arabic), Math.max(cyrillic, other));
    if (max == 0 || max == other) {
      return OTHER;
    }
    return max == latin ? LATIN : max == arabic ? ARABIC : CYRILLIC;
  }

  /** Lower-case name, as the API shows it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
