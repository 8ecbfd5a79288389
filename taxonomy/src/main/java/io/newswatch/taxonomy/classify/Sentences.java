package io.newswatch.taxonomy.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a field into sentences for the severity rules (a cue counts with an actor of the same
 * sentence): at line breaks, and after '.', '!', '?' when the next word starts a new sentence, so
 * that "U.S. forces" stays one sentence.
 */
final class Sentences {

  private final int[] starts;

  private Sentences(int[] starts) {
    this.starts = starts;
  }

  static Sentences of(String original) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    char[] text = original.toCharArray();
    int length = text.length;
    for (int i = 0; i < length; i++) {
      char c = text[i];
      if (c == '\n') {
        starts.add(i + 1);
      } else if ((c == '.' || c == '!' || c == '?' || c == '\u2026')
          && i + 1 < length
          && Character.isWhitespace(text[i + 1])) {
        int next = i + 1;
        while (next < length && text[next] == ' ') {
          next++;
        }
        if (next < length && startsSentence(text[next]) && !isInitial(text, i)) {
          starts.add(next);
        }
      }
    }
    return new Sentences(starts.stream().mapToInt(Integer::intValue).distinct().sorted().toArray());
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c)
        || Character.isDigit(c)
        || c == '"'
        || c == '\u201C'
        || c == '\u00AB'
        || (Character.isLetter(c) && !Character.isLowerCase(c) && !Character.isUpperCase(c));
  }

  /** A single capital before the dot is an initial or part of an abbreviation ("U. S."). */
  private static boolean isInitial(char[] text, int dot) {
    return dot >= 1
        && Character.isUpperCase(text[dot - 1])
        && (dot == 1 || !Character.isLetter(text[dot - 2]));
  }

  /** Index of the sentence holding the character at {@code offset}. */
  int indexOf(int offset) {
    int found = Arrays.binarySearch(starts, offset);
    return found >= 0 ? found : -found - 2;
  }
}
