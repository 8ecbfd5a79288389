package io.newswatch.alert.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "ISKP                                 | ISKP",
        "ISIS-K                               | ISIS-K",
        "Kunduz attack                        | (Kunduz AND attack)",
        "Kunduz AND attack                    | (Kunduz AND attack)",
        "Kunduz OR Takhar attack              | (Kunduz OR (Takhar AND attack))",
        "(Kunduz OR Takhar) attack            | ((Kunduz OR Takhar) AND attack)",
        "ISKP NOT Syria                       | (ISKP AND NOT Syria)",
        "ISKP AND NOT (Syria OR Iraq)         | (ISKP AND NOT (Syria OR Iraq))",
        "`\"drone strike\"`                   | `\"drone strike\"`",
        "`\"drone border\"~5`                 | `\"drone border\"~5`",
        "bomb*                                | bomb*",
        "title:ISKP                           | title:ISKP",
        "Title:ISKP                           | title:ISKP",
        "`summary:\"suicide bomber\"`         | `summary:\"suicide bomber\"`",
        "title:(Kunduz OR Takhar)             | (title:Kunduz OR title:Takhar)",
        "text:attack* region:Badakhshan       | (text:attack* AND region:Badakhshan)",
        "actor:ISKP                           | actor:ISKP",
        "`region:\"Kunduz province\"`         | `region:\"Kunduz province\"`",
        "and or not                           | (and AND or AND not)",
        "`\"AND\"`                            | `\"AND\"`",
        "12:30                                | 12:30",
        "NOT Syria ISKP                       | (NOT Syria AND ISKP)",
        "((((ISKP))))                         | ISKP",
      })
  void parsesTheLanguage(String query, String canonical) {
    assertThat(QueryParser.parse(query)).hasToString(canonical);
  }

  @ParameterizedTest(name = "{0}  ->  {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``                      | 0  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '('",
        "`   `                   | 0  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '('",
        "ISKP OR                 | 7  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '(' after OR",
        "ISKP AND                | 8  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '(' after AND",
        "(ISKP OR Taliban        | 16 | ')' to close the '(' at position 0",
        "ISKP)                   | 4  | the end of the query or another clause (this ')' closes no '(')",
        "()                      | 1  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '(' inside the parentheses",
        "NOT ISKP                | 0  | a term outside NOT: a query must say what to look for, not only what to leave out",
        "ISKP OR NOT Taliban     | 0  | a term outside NOT: a query must say what to look for, not only what to leave out",
        "`\"drone strike`        | 13 | '\"' to close the phrase opened at position 0",
        "`\"drone border\"~`     | 15 | a number of words after '~'",
        "`\"drone border\"~99`   | 15 | a distance of at most 50 words",
        "`\"drone border\"x`     | 14 | a space, ')' or the end of the query after the phrase",
        "`\"\"`                  | 1  | words between the quotes",
        "drone~3                 | 5  | a \"quoted phrase\" before '~' (proximity applies to phrases)",
        "bo*mb                   | 2  | '*' only at the end of a word",
        "b*                      | 0  | at least 2 letters before '*'",
        "ISIS-*                  | 5  | letters or digits right before '*'",
        "source:Reuters          | 0  | a field (title, summary, text) or a concept (actor, region) before ':' (quote the word to search for it)",
        "title:                  | 6  | a term, a \"phrase\" or '(' after title:",
        "title:(text:ISKP)       | 7  | a term or \"phrase\" (fields do not nest inside title:)",
        "title:(actor:ISKP)      | 7  | a term or \"phrase\" (concept filters apply to the whole item, not to title:)",
        "actor:                  | 6  | an actor name or id after actor:",
        "region:Bada*            | 11 | a region name or id, not a prefix, after region:",
        "AND ISKP                | 0  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '(' (AND, OR and NOT are operators: quote them to search for the word)",
        "ISKP OR OR Taliban      | 8  | a term, a \"phrase\", a concept filter such as actor:ISKP, or '(' after OR (AND, OR and NOT are operators: quote them to search for the word)",
        "...                     | 0  | a word of letters or digits",
      })
  void refusesAnInvalidQueryNamingThePositionAndWhatWasExpected(
      String query, int position, String expected) {
    assertThatThrownBy(() -> QueryParser.parse(query))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.expected()).isEqualTo(expected);
            });
  }

  @Test
  void refusesTooManyTermsWhereTheLimitIsPassed() {
    String query = "a ".repeat(QueryParser.MAX_TERMS) + "extra";

    assertThatThrownBy(() -> QueryParser.parse(query))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(query.indexOf("extra"));
              assertThat(e.expected()).isEqualTo("at most 32 terms");
            });
  }

  @Test
  void refusesDeepNestingAndLongQueries() {
    String deep =
        "(".repeat(QueryParser.MAX_DEPTH + 1) + "a" + ")".repeat(QueryParser.MAX_DEPTH + 1);
    assertThatThrownBy(() -> QueryParser.parse(deep))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> assertThat(e.position()).isEqualTo(QueryParser.MAX_DEPTH));
    assertThatThrownBy(() -> QueryParser.parse("a".repeat(QueryParser.MAX_LENGTH + 1)))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> assertThat(e.expected()).isEqualTo("at most 1000 characters"));
  }

  @Test
  void leavesKeepTheTextAsWritten() {
    Query.And and = (Query.And) QueryParser.parse("title:ISIS-K  \"drone border\"~5 region:Kunduz");

    assertThat(and.clauses())
        .extracting(
            q ->
                q instanceof Query.Term t
                    ? t.source()
                    : q instanceof Query.Phrase p ? p.source() : ((Query.Concept) q).source())
        .containsExactly("title:ISIS-K", "\"drone border\"~5", "region:Kunduz");
  }
}
