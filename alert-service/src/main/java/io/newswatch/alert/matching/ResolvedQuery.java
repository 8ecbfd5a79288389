package io.newswatch.alert.matching;

import io.newswatch.events.TagType;
import java.util.List;

/**
 * A query after the taxonomy look-ups: every bare term expanded into the spellings it matches,
 * every concept filter into taxonomy ids. Plain data, shared by the index, previews and tests.
 */
public sealed interface ResolvedQuery {

  /**
   * One way of writing a text leaf: normalised tokens that must follow each other.
   *
   * @param tokens folded tokens, or tokens with their case when {@code cased}
   * @param cased only where the item has exactly this case (acronyms such as IS, US)
   * @param prefix the last token is a prefix of the item's word
   */
  record Spelling(List<String> tokens, boolean cased, boolean prefix) {
    public Spelling {
      tokens = List.copyOf(tokens);
    }
  }

  /**
   * A term, phrase or prefix: one of the spellings occurs in one of the fields.
   *
   * @param term the leaf as the user wrote it, reported with each match
   * @param fields bit set of fields: 1 title, 2 summary, 4 text
   */
  record Text(String term, int fields, List<Spelling> spellings) implements ResolvedQuery {
    public Text {
      spellings = List.copyOf(spellings);
    }
  }

  /** Every word within {@code slop} other words of each other, in any order, in one field. */
  record Near(String term, int fields, List<String> words, int slop) implements ResolvedQuery {
    public Near {
      words = List.copyOf(words);
    }
  }

  /** The item carries a tag of one of these entries or of something inside them. */
  record Concept(String term, TagType type, List<String> ids) implements ResolvedQuery {
    public Concept {
      ids = List.copyOf(ids);
    }
  }

  /** Every clause matches. */
  record And(List<ResolvedQuery> clauses) implements ResolvedQuery {
    public And {
      clauses = List.copyOf(clauses);
    }
  }

  /** At least one clause matches. */
  record Or(List<ResolvedQuery> clauses) implements ResolvedQuery {
    public Or {
      clauses = List.copyOf(clauses);
    }
  }

  /** The clause does not match. */
  record Not(ResolvedQuery clause) implements ResolvedQuery {}
}
