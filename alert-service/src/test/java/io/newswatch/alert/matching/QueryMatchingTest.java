package io.newswatch.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Evidence;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classification;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryMatchingTest {

  static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  static final Classifier CLASSIFIER = new Classifier(TAXONOMY);
  static final QueryResolver RESOLVER = new QueryResolver(TAXONOMY);

  /**
   * Each row: a query, an item (title, and a body), whether it matches, and the item text of the
   * first match reported (empty: not checked).
   */
  @ParameterizedTest(name = "{0} on \"{1}\" / \"{2}\" -> {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // whole words, case, diacritics, scripts, dashes
        "Kabul                   | Talks in Kabul.                     | ``                   | true  | Kabul",
        "Kabul                   | Kabulov visits Herat                | ``                   | false | ``",
        "kabul                   | KABUL TALKS                         | ``                   | true  | KABUL",
        "Herat                   | Talks in Hérat                      | ``                   | true  | Hérat",
        "ISIS-K                  | ISIS–K fighters                     | ``                   | true  | ISIS–K",
        "ISIS-K                  | ISIS K fighters                     | ``                   | true  | ISIS K",
        "Kabul,                  | Talks in Kabul today                | ``                   | true  | Kabul",
        "Taliban's               | the Taliban said                    | ``                   | true  | Taliban",
        "attack                  | attackers fled                      | ``                   | false | ``",
        "كابل                    | ``                                  | خبر از كابل          | true  | كابل",
        // alias expansion: a bare term naming an entry matches its other names, with their case
        "ISKP                    | Islamic State Khorasan Province claims attack | ``     | true  | Islamic State Khorasan Province",
        "ISKP                    | ISIS-K fighters in Badakhshan       | ``                   | true  | ISIS-K",
        "ISKP                    | داعش خراسان در بدخشان               | ``                   | true  | داعش خراسان",
        "isis-k                  | ISKP fighters                       | ``                   | true  | ISKP",
        "ISKP                    | iskp fighters                       | ``                   | false | ``",
        "Taliban                 | Талибан заявил                      | ``                   | true  | Талибан",
        "US                      | United States envoy in Doha         | ``                   | true  | United States",
        "US                      | tell us more                        | ``                   | false | ``",
        // quoted phrases are literal; word order and adjacency count
        "`\"Islamic State\"`     | ISIS claims attack                  | ``                   | false | ``",
        "`\"drone strike\"`      | a drone strike hit a compound       | ``                   | true  | drone strike",
        "`\"drone strike\"`      | a strike by a drone                 | ``                   | false | ``",
        "`\"Kunduz city\"`       | Kunduz. City officials said         | ``                   | false | ``",
        // proximity: every word within N other words, any order, within one field
        "`\"drone border\"~3`    | drone seen near the border          | ``                   | true  | drone seen near the border",
        "`\"drone border\"~3`    | border guards saw a drone           | ``                   | true  | border guards saw a drone",
        "`\"drone border\"~2`    | drone seen near the old border      | ``                   | false | ``",
        "`\"drone border\"~5`    | a drone                             | the border           | false | ``",
        // prefixes
        "bomb*                   | a bomber struck                     | ``                   | true  | bomber",
        "bomb*                   | the bombing campaign                | ``                   | true  | bombing",
        "bomb*                   | a car bomb                          | ``                   | true  | bomb",
        "bomb*                   | an ambush                           | ``                   | false | ``",
        "`\"suicide bomb*\"`     | ``                                  | a suicide bombing    | false | ``",
        "suicide-bomb*           | ``                                  | a suicide bombing    | true  | suicide bombing",
        // fields
        "title:Kunduz            | Clashes in Kunduz                   | ``                   | true  | Kunduz",
        "title:Kunduz            | Clashes in the north                | fighting in Kunduz   | false | ``",
        "text:Kunduz             | Clashes in the north                | fighting in Kunduz   | true  | Kunduz",
        "title:(Kunduz OR Takhar)| Clashes in Takhar                   | ``                   | true  | Takhar",
        // boolean operators
        "Kunduz attack           | Attack in Kunduz                    | ``                   | true  | Kunduz",
        "Kunduz attack           | Markets in Kunduz                   | ``                   | false | ``",
        "Kunduz OR Takhar        | Floods in Takhar                    | ``                   | true  | Takhar",
        "Kunduz NOT wheat        | Wheat prices in Kunduz              | ``                   | false | ``",
        "Kunduz NOT wheat        | Clashes in Kunduz                   | ``                   | true  | Kunduz",
        "ISKP AND NOT (Syria OR Iraq) | ISKP recruits in Iraq          | ``                   | false | ``",
        "ISKP AND NOT (Syria OR Iraq) | ISKP recruits in Nangarhar     | ``                   | true  | ISKP",
        // concept filters: tags, named or inferred, and everything inside the entry
        "region:Badakhshan       | Officials in Fayzabad said          | ``                   | true  | Fayzabad",
        "region:Afghanistan      | Fighting in Kunduz                  | ``                   | true  | Kunduz",
        "region:af-badakhshan    | Officials in Fayzabad said          | ``                   | true  | Fayzabad",
        "region:Badakhshan       | Officials in Kunduz said            | ``                   | false | ``",
        "region:Kunduz           | Clashes in Kunduz city              | ``                   | true  | ``",
        "actor:ISKP              | ISIS-K fighters                     | ``                   | true  | ISIS-K",
        "actor:\"Islamic State\" | ISIS-K fighters                     | ``                   | true  | ISIS-K",
        "actor:ISKP              | Islamic State fighters in Syria     | ``                   | false | ``",
        "actor:Taliban           | Sirajuddin Haqqani spoke in Khost   | ``                   | true  | Sirajuddin Haqqani",
        "actor:ISKP region:Badakhshan | ISIS-K fighters in Fayzabad    | ``                   | true  | ISIS-K",
      })
  void matches(String query, String title, String text, boolean matches, String firstText) {
    List<MatchedTerm> terms = match(query, item(title, text));

    assertThat(!terms.isEmpty()).as("matches").isEqualTo(matches);
    if (matches && !firstText.isEmpty()) {
      assertThat(terms.get(0).text()).isEqualTo(firstText);
    }
  }

  @Test
  void aBareTermNamingAnEntrySaysWhichAliasHitAndWhere() {
    List<MatchedTerm> terms =
        match("ISKP", item("Fighters of the Islamic State Khorasan Province in Kunar", ""));

    assertThat(terms)
        .containsExactly(
            new MatchedTerm("ISKP", TextField.TITLE, 16, 47, "Islamic State Khorasan Province"));
  }

  @Test
  void reportsOffsetsIntoTheOriginalTextAndEveryPositiveLeafButNoneUnderNot() {
    List<MatchedTerm> terms =
        match(
            "title:Kunduz (attack* OR raid) NOT wheat",
            item("Overnight attack in Kunduz — officials", "Attackers used a raid."));

    assertThat(terms)
        .containsExactly(
            new MatchedTerm("title:Kunduz", TextField.TITLE, 20, 26, "Kunduz"),
            new MatchedTerm("attack*", TextField.TITLE, 10, 16, "attack"),
            new MatchedTerm("attack*", TextField.TEXT, 0, 9, "Attackers"),
            new MatchedTerm("raid", TextField.TEXT, 17, 21, "raid"));
  }

  @Test
  void aRegionFilterMatchesDescendantsEvenWithoutInferredTags() {
    Tag fayzabadOnly =
        new Tag(
            TagType.REGION,
            "af-fayzabad-city",
            "Fayzabad",
            "city",
            0.9,
            false,
            List.of(new Evidence(TextField.TITLE, 0, 8, "Fayzabad")));
    RawItem raw = raw("Fayzabad market reopens", "");
    ClassifiedItem item =
        ClassifiedItem.of(
            raw, List.of(fayzabadOnly), Severity.ROUTINE, List.of(), "t", Instant.EPOCH);

    assertThat(match("region:Afghanistan", item))
        .containsExactly(new MatchedTerm("region:Afghanistan", TextField.TITLE, 0, 8, "Fayzabad"));
  }

  @Test
  void minimumSeverityIsPartOfTheSubscription() {
    SubscriptionIndex<String> index = new SubscriptionIndex<>(RESOLVER);
    index.put("flash-only", "Kunduz", Severity.FLASH);
    index.put("any", "Kunduz", Severity.ROUTINE);

    assertThat(index.match(item("Clashes in Kunduz", "")))
        .extracting(SubscriptionIndex.Match::key)
        .containsExactly("any");
  }

  @Test
  void anUnknownConceptIsAnErrorAtTheValue() {
    assertThatThrownBy(() -> RESOLVER.resolve("ISKP region:Atlantis"))
        .isInstanceOfSatisfying(
            QuerySyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(12);
              assertThat(e.expected()).startsWith("a region of the taxonomy");
            });
  }

  @Test
  void replacingAndRemovingASubscriptionTakesEffect() {
    SubscriptionIndex<String> index = new SubscriptionIndex<>(RESOLVER);
    ClassifiedItem kunduz = item("Clashes in Kunduz", "");
    index.put("s", "Takhar", Severity.ROUTINE);
    assertThat(index.match(kunduz)).isEmpty();

    index.put("s", "Kunduz", Severity.ROUTINE);
    assertThat(index.match(kunduz)).hasSize(1);

    index.remove("s");
    assertThat(index.match(kunduz)).isEmpty();
    assertThat(index.size()).isZero();
  }

  static List<MatchedTerm> match(String query, ClassifiedItem item) {
    SubscriptionIndex<String> index = new SubscriptionIndex<>(RESOLVER);
    index.put("s", query, Severity.ROUTINE);
    List<SubscriptionIndex.Match<String>> matches = index.match(item);
    return matches.isEmpty() ? List.of() : matches.get(0).terms();
  }

  static ClassifiedItem item(String title, String text) {
    RawItem raw = raw(title, text);
    Classification c = CLASSIFIER.classify(raw);
    return ClassifiedItem.of(
        raw, c.tags(), c.severity(), c.severityEvidence(), c.taxonomyVersion(), Instant.EPOCH);
  }

  static RawItem raw(String title, String text) {
    return RawItem.of(
        "0123456789abcdef0123456789abcdef",
        "1",
        "https://feeds.example.org/rss",
        "Example",
        "https://news.example.org/1",
        title,
        "",
        text,
        "en",
        null,
        Instant.EPOCH,
        List.of());
  }
}
