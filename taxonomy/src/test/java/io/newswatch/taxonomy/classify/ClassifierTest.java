package io.newswatch.taxonomy.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {

  private static final Classifier CLASSIFIER = new Classifier(TaxonomyLoader.loadDefault());

  private static Tag tag(Classification c, String id) {
    return c.tags().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void tagsActorAndRegionWithEvidenceInEachField() {
    Classification result =
        CLASSIFIER.classify("ISIS-K fighters reported in Badakhshan", "ISKP cells moved.", "");

    Tag iskp = tag(result, "iskp");
    assertThat(iskp.type()).isEqualTo(TagType.ACTOR);
    assertThat(iskp.name()).isEqualTo("Islamic State Khorasan Province");
    assertThat(iskp.kind()).isEqualTo("armed-group");
    assertThat(iskp.inferred()).isFalse();
    assertThat(iskp.evidence())
        .containsExactly(
            new Evidence(TextField.TITLE, 0, 6, "ISIS-K"),
            new Evidence(TextField.SUMMARY, 0, 4, "ISKP"));
    assertThat(tag(result, "af-badakhshan").evidence())
        .containsExactly(new Evidence(TextField.TITLE, 28, 38, "Badakhshan"));
    assertThat(result.taxonomyVersion()).isEqualTo(CLASSIFIER.taxonomy().version());
  }

  @Test
  void evidencePointsIntoTheOriginalTextWhateverTheNormalisationRemoved() {
    String text =
        "Report: the Tal\u200Biban\u2019s men and ISIS\u2011K near Fa\u00EFz\u0101b\u0101d.";
    Classification result = CLASSIFIER.classify("", "", text);

    for (Tag tag : result.tags()) {
      for (Evidence e : tag.evidence()) {
        assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
      }
    }
    assertThat(tag(result, "taliban").evidence().get(0).text()).isEqualTo("Tal\u200Biban");
    assertThat(tag(result, "iskp").evidence().get(0).text()).isEqualTo("ISIS\u2011K");
    assertThat(tag(result, "af-fayzabad-city").evidence().get(0).text())
        .isEqualTo("Fa\u00EFz\u0101b\u0101d");
  }

  @Test
  void regionsCarryTheirAncestorsAsInferredTags() {
    Classification result = CLASSIFIER.classify("Protests in Fayzabad", "", "");

    assertThat(result.tags())
        .extracting(Tag::id, Tag::inferred)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("af-fayzabad-city", false),
            org.assertj.core.groups.Tuple.tuple("af", true),
            org.assertj.core.groups.Tuple.tuple("af-badakhshan", true));
    assertThat(tag(result, "af-badakhshan").evidence())
        .containsExactly(new Evidence(TextField.TITLE, 12, 20, "Fayzabad"));
    assertThat(tag(result, "af-badakhshan").confidence())
        .isEqualTo(tag(result, "af-fayzabad-city").confidence());
  }

  @Test
  void theProvinceIsTaggedWithTheCityAsEvidenceWhenOnlyTheCityIsNamed() {
    Classification result = CLASSIFIER.classify("", "", "Shelling hit Kunduz city overnight.");

    Tag province = tag(result, "af-kunduz");
    assertThat(province.inferred()).isTrue();
    assertThat(province.evidence()).extracting(Evidence::text).containsExactly("Kunduz city");
  }

  @Test
  void aPersonImpliesTheGroupsTheyBelongToWithLessConfidence() {
    Classification result = CLASSIFIER.classify("", "", "Sirajuddin Haqqani met elders.");

    Tag person = tag(result, "sirajuddin-haqqani");
    Tag network = tag(result, "haqqani-network");
    assertThat(person.kind()).isEqualTo("person");
    assertThat(network.inferred()).isTrue();
    assertThat(network.confidence()).isLessThan(person.confidence());
    assertThat(network.evidence()).isEqualTo(person.evidence());
  }

  @Test
  void moreMentionsRaiseConfidenceButNeverToCertainty() {
    double once = tag(CLASSIFIER.classify("", "", "ISKP."), "iskp").confidence();
    double thrice = tag(CLASSIFIER.classify("", "", "ISKP. ISKP. ISKP."), "iskp").confidence();

    assertThat(thrice).isGreaterThan(once).isLessThan(1.0);
  }

  @Test
  void namesInPageFurnitureDoNotTag() {
    String text =
        "ISKP fighters attacked a checkpoint in Takhar on Monday, officials in Taloqan said, and the"
            + " fighting went on for hours.\n"
            + "Related Posts\n"
            + "The Taliban and Iran\n"
            + "Kandahar after the war\n";
    Classification result = CLASSIFIER.classify("", "", text);

    assertThat(result.tags())
        .extracting(Tag::id)
        .contains("iskp", "af-takhar")
        .doesNotContain("taliban", "ir", "af-kandahar");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "strong cue and armed group in the title | ISKP suicide bomber kills six in Kabul | | FLASH",
        "strong cue and a person affiliated with an armed group | Sirajuddin Haqqani survives explosion | | FLASH",
        "strong cue in the title without an armed group | Three killed in Kunduz | | PRIORITY",
        "weak cue and armed group in the body | Markets reopen | Taliban fighters clashed with NRF units in Panjshir. | PRIORITY",
        "strong cue in the body without an armed group | Markets reopen | Two people were killed in a road accident. | ROUTINE",
        "cue and armed group in different sentences | Markets reopen | The Taliban met elders. Later a blast hit a market. | ROUTINE",
        "state actor with a weak cue | Markets reopen | The Pakistani government condemned the attack. | ROUTINE",
        "no cue | Wheat prices rise in Herat | | ROUTINE"
      })
  void severityFollowsCuesAndActorKind(String rule, String title, String text, Severity expected) {
    Classification result = CLASSIFIER.classify(title, "", text == null ? "" : text);

    assertThat(result.severity()).isEqualTo(expected);
    if (expected == Severity.ROUTINE) {
      assertThat(result.severityEvidence()).isEmpty();
    } else {
      assertThat(result.severityEvidence()).isNotEmpty();
    }
  }

  @Test
  void severityEvidenceIsTheCueSpans() {
    Classification result = CLASSIFIER.classify("ISKP suicide bomber kills six in Kabul", "", "");

    assertThat(result.severityEvidence())
        .containsExactly(
            new Evidence(TextField.TITLE, 5, 19, "suicide bomber"),
            new Evidence(TextField.TITLE, 20, 25, "kills"));
  }

  @Test
  void anEmptyItemHasNoTagsAndIsRoutine() {
    Classification result = CLASSIFIER.classify("", null, "   ");

    assertThat(result.tags()).isEmpty();
    assertThat(result.severity()).isEqualTo(Severity.ROUTINE);
    assertThat(List.of(result.taxonomyVersion())).doesNotContainNull();
  }
}
