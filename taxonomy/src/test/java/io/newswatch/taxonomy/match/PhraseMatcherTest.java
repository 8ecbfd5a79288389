package io.newswatch.taxonomy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhraseMatcherTest {

  private static final PhraseMatcher<String> MATCHER =
      PhraseMatcher.<String>builder()
          .add("ISKP", false, "iskp")
          .add("ISIS-K", false, "iskp")
          .add("Kabul", false, "kabul")
          .add("Islamic State", false, "islamic-state")
          .add("Islamic State Khorasan Province", false, "iskp")
          .add("Khorasan", false, "khorasan")
          .add("IS", true, "islamic-state")
          .add("U.S.", false, "us")
          .build();

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ISKP claimed it | iskp",
        "the kiskp file | ",
        "ISKPs | ",
        "iskp. | iskp",
        "(ISKP) | iskp",
        "ISIS\u2011K fighters | iskp",
        "ISIS K fighters | iskp",
        "ISISK fighters | ",
        "Kabulov said | ",
        "in Kabul\u2019s west | kabul",
        "Kabul-based | kabul",
        "IS claims | islamic-state",
        "what is it | ",
        "Is it | ",
        "U.S. forces | us",
        "U. S. forces | us",
        "US forces | ",
        "\u200BKabul | kabul"
      })
  void findsWholeWordsOnlyWithTheirCase(String text, String expected) {
    List<String> found =
        MATCHER.findAll(text).stream().map(PhraseMatcher.Hit::payload).distinct().toList();

    assertThat(found).isEqualTo(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void reportsOverlappingPhrasesAndLeftmostLongestKeepsTheLongest() {
    String text = "Islamic State Khorasan Province and Khorasan";
    List<PhraseMatcher.Hit<String>> all = MATCHER.findAll(text);

    assertThat(all)
        .extracting(PhraseMatcher.Hit::phrase)
        .contains("Islamic State", "Khorasan", "Islamic State Khorasan Province");
    List<PhraseMatcher.Hit<String>> kept = PhraseMatcher.leftmostLongest(all);
    assertThat(kept)
        .extracting(PhraseMatcher.Hit::text)
        .containsExactly("Islamic State Khorasan Province", "Khorasan");
    assertThat(kept.get(0).start()).isZero();
    assertThat(kept.get(1).start()).isEqualTo(text.lastIndexOf("Khorasan"));
  }

  @Test
  void hitsPointIntoTheOriginalText() {
    String text = "Reports: ISIS\u2011K\u200B and the Taliban\u2019s rivals in Kabul\u2019s west.";
    for (PhraseMatcher.Hit<String> hit : MATCHER.findAll(text)) {
      assertThat(text.substring(hit.start(), hit.end())).isEqualTo(hit.text());
    }
    assertThat(MATCHER.findAll(text))
        .extracting(PhraseMatcher.Hit::text)
        .containsExactly("ISIS\u2011K", "Kabul");
  }

  @Test
  void keepsEveryPayloadOfAPhraseSharedByEntries() {
    PhraseMatcher<String> shared =
        PhraseMatcher.<String>builder()
            .add("Kunduz", false, "province")
            .add("Kunduz", false, "city")
            .build();

    assertThat(PhraseMatcher.leftmostLongest(shared.findAll("in Kunduz")))
        .extracting(PhraseMatcher.Hit::payload)
        .containsExactlyInAnyOrder("province", "city");
  }

  @Test
  void refusesAPhraseWithoutWords() {
    assertThatThrownBy(() -> PhraseMatcher.<String>builder().add(" \u2013 ", false, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no words");
  }

  /**
   * The automaton must find exactly what a naive search of every phrase at every position finds.
   */
  @Test
  void findsExactlyWhatABruteForceSearchFinds() {
    Random random = new Random(42);
    String[] vocabulary = {"a", "b", "c", "ab", "ba", "kabul", "isis", "k", ".", "is"};
    for (int round = 0; round < 50; round++) {
      PhraseMatcher.Builder<Integer> builder = PhraseMatcher.builder();
      List<List<String>> phrases = new ArrayList<>();
      for (int p = 0; p < 40; p++) {
        List<String> phrase = new ArrayList<>();
        int length = 1 + random.nextInt(4);
        for (int w = 0; w < length; w++) {
          phrase.add(vocabulary[random.nextInt(vocabulary.length)]);
        }
        phrases.add(phrase);
        builder.add(String.join(" ", phrase), false, p);
      }
      PhraseMatcher<Integer> matcher = builder.build();
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 200; w++) {
        text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
      }
      List<Token> tokens = TextNormalizer.normalize(text.toString()).tokens();
      Set<String> expected = new HashSet<>();
      for (int p = 0; p < phrases.size(); p++) {
        List<String> phrase =
            TextNormalizer.normalize(String.join(" ", phrases.get(p))).tokens().stream()
                .map(Token::term)
                .toList();
        for (int start = 0; start + phrase.size() <= tokens.size(); start++) {
          boolean same = true;
          for (int k = 0; k < phrase.size() && same; k++) {
            same = tokens.get(start + k).term().equals(phrase.get(k));
          }
          if (same) {
            expected.add(p + "@" + start);
          }
        }
      }
      Set<String> actual = new HashSet<>();
      for (PhraseMatcher.Hit<Integer> hit : matcher.findAll(text.toString())) {
        actual.add(hit.payload() + "@" + hit.firstToken());
      }
      assertThat(actual).as("round %d", round).isEqualTo(expected);
    }
  }
}
