package io.newswatch.taxonomy;

import java.util.List;
import java.util.Locale;

/**
 * An event cue for the severity rules: words that say something violent happened.
 *
 * @param id stable id, e.g. {@code suicide-bombing}
 * @param strength strong for lethal or mass-casualty violence, weak otherwise
 * @param forms the words and phrases, matched like aliases
 */
public record Cue(String id, Strength strength, List<String> forms) {

  public Cue {
    forms = List.copyOf(forms);
  }

  /** How much a cue says about the severity. */
  public enum Strength {
    STRONG,
    WEAK;

    /** The id used in data files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
