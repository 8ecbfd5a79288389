package io.newswatch.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TextField;
import io.newswatch.stack.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordQueryTest {

  private static final Tag ISKP = Fixtures.iskpInTitle(0, 6, "ISIS-K");

  @Test
  void aTermNamingATagMatchesTheTagsEvidenceWhateverTheSpelling() {
    ClassifiedItem item = item("ISIS-K fighters in Badakhshan", List.of(ISKP));

    assertThat(KeywordQuery.parse("ISKP").match(item))
        .containsExactly(new MatchedTerm("ISKP", TextField.TITLE, 0, 6, "ISIS-K"));
  }

  @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "badakhshan | ISIS-K fighters in Badakhshan | true",
        "Badakhshan attack | Attack in Badakhshan | true",
        "Badakhshan attack | Badakhshan markets | false",
        "Kabul | Kabulov visits | false",
        "Kabul | Talks in Kabul. | true",
        "ISKP | Wheat prices in Herat | false"
      })
  void everyTermMustOccurAsAWholeWord(String query, String title, boolean matches) {
    assertThat(KeywordQuery.parse(query).match(item(title, List.of())).isEmpty())
        .isEqualTo(!matches);
  }

  @Test
  void anEmptyQueryIsASyntaxErrorAtPositionZero() {
    assertThatThrownBy(() -> KeywordQuery.parse("   "))
        .isInstanceOf(QuerySyntaxException.class)
        .satisfies(e -> assertThat(((QuerySyntaxException) e).position()).isZero())
        .hasMessage("at position 0: expected a term");
  }

  @Test
  void tooManyTermsAreRefusedWhereTheLimitIsPassed() {
    String query = "a ".repeat(KeywordQuery.MAX_TERMS) + "extra";

    assertThatThrownBy(() -> KeywordQuery.parse(query))
        .isInstanceOf(QuerySyntaxException.class)
        .satisfies(
            e ->
                assertThat(((QuerySyntaxException) e).position())
                    .isEqualTo(query.indexOf("extra")));
  }

  private static ClassifiedItem item(String title, List<Tag> tags) {
    return Fixtures.classified(Fixtures.rawItem(title), Severity.ROUTINE, tags.toArray(Tag[]::new));
  }
}
