package io.newswatch.classify.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TextField;
import io.newswatch.stack.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordTaggerTest {

  private final KeywordTagger tagger = new KeywordTagger(KeywordTagger.SKELETON_TABLE);

  @Test
  void tagsIsisKAndIskpAsOneActorAndBadakhshanAsARegionWithEvidence() {
    Classification result =
        tagger.classify(Fixtures.rawItem("ISIS-K fighters in Badakhshan", "ISKP claimed it."));

    assertThat(result.tags()).extracting(Tag::id).containsExactly("iskp", "af-badakhshan");
    assertThat(result.tags().get(0).evidence())
        .containsExactly(
            new Evidence(TextField.TITLE, 0, 6, "ISIS-K"),
            new Evidence(TextField.SUMMARY, 0, 4, "ISKP"));
    assertThat(result.tags().get(1).evidence())
        .containsExactly(new Evidence(TextField.TITLE, 19, 29, "Badakhshan"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "iskp fighters | iskp",
        "Is-K claims attack | iskp",
        "the kiskp file | ",
        "ISKPs | ",
        "north of Badakhshan. | af-badakhshan",
        "Badakhshani traders | ",
        "Wheat prices in Herat | "
      })
  void matchesWholeWordsOnly(String title, String expectedId) {
    List<String> ids =
        tagger.classify(Fixtures.rawItem(title, "")).tags().stream().map(Tag::id).toList();

    if (expectedId == null) {
      assertThat(ids).isEmpty();
    } else {
      assertThat(ids).containsExactly(expectedId);
    }
  }

  @Test
  void eventCuesRaiseSeverityAndAreTheEvidence() {
    Classification result = tagger.classify(Fixtures.rawItem("Three killed in Kunduz", ""));

    assertThat(result.severity()).isEqualTo(Severity.PRIORITY);
    assertThat(result.severityEvidence())
        .containsExactly(new Evidence(TextField.TITLE, 6, 12, "killed"));
    assertThat(tagger.classify(Fixtures.rawItem("Markets reopen", "")).severity())
        .isEqualTo(Severity.ROUTINE);
  }
}
