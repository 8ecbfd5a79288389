package io.newswatch.alert.query;

import io.newswatch.events.TagType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed subscription query: the syntax tree {@link QueryParser} builds, before any taxonomy
 * look-up. Leaves keep the text the user wrote ({@code source}), which alerts show as the matched
 * term.
 */
public sealed interface Query {

  /** Where a text leaf must occur. */
  enum Scope {
    ANY(7),
    TITLE(1),
    SUMMARY(2),
    TEXT(4);

    private final int mask;

    Scope(int mask) {
      this.mask = mask;
    }

    /** Bit set of the fields: 1 title, 2 summary, 4 text. */
    public int mask() {
      return mask;
    }

    String prefix() {
      return this == ANY ? "" : name().toLowerCase(java.util.Locale.ROOT) + ":";
    }
  }

  /** A bare word (or words joined by dashes or dots, such as ISIS-K): whole words, with aliases. */
  record Term(String text, Scope scope, int position, String source) implements Query {
    @Override
    public String toString() {
      return scope.prefix() + text;
    }
  }

  /**
   * A quoted phrase: these words in this order, or with {@code slop >= 0} all of them within that
   * many other words of each other, in any order.
   */
  record Phrase(String text, Scope scope, int slop, int position, String source) implements Query {
    @Override
    public String toString() {
      return scope.prefix() + "\"" + text + "\"" + (slop >= 0 ? "~" + slop : "");
    }
  }

  /** A word ending in {@code *}: any word that starts with {@code text}. */
  record Prefix(String text, Scope scope, int position, String source) implements Query {
    @Override
    public String toString() {
      return scope.prefix() + text + "*";
    }
  }

  /** {@code actor:X} or {@code region:X}: the item is tagged with X or something inside X. */
  record Concept(TagType type, String value, int position, int valuePosition, String source)
      implements Query {
    @Override
    public String toString() {
      String name = value.contains(" ") ? "\"" + value + "\"" : value;
      return (type == TagType.ACTOR ? "actor:" : "region:") + name;
    }
  }

  /** Every clause matches. */
  record And(List<Query> clauses) implements Query {
    public And {
      clauses = List.copyOf(clauses);
    }

    @Override
    public String toString() {
      return clauses.stream().map(Query::toString).collect(Collectors.joining(" AND ", "(", ")"));
    }
  }

  /** At least one clause matches. */
  record Or(List<Query> clauses) implements Query {
    public Or {
      clauses = List.copyOf(clauses);
    }

    @Override
    public String toString() {
      return clauses.stream().map(Query::toString).collect(Collectors.joining(" OR ", "(", ")"));
    }
  }

  /** The clause does not match. */
  record Not(Query clause) implements Query {
    @Override
    public String toString() {
      return "NOT " + clause;
    }
  }
}
