package io.newswatch.taxonomy.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.Tag;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each disambiguation rule, as a table: text, then the named tags expected, then tags refused. */
class DisambiguationTest {

  private static final Classifier CLASSIFIER = new Classifier(TaxonomyLoader.loadDefault());

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Khorasan alone is the historic region | Poets of Khorasan gathered. | hist-khorasan | iskp",
        "Khorasan in the ISKP name is ISKP | The Islamic State Khorasan Province claimed it. | iskp | hist-khorasan islamic-state",
        "possessive inside the ISKP name | The Islamic State\u2019s Khorasan Province (ISKP) attacked. | iskp | hist-khorasan islamic-state",
        "Wilayat Khorasan is ISKP | Fighters of Wilayat Khorasan moved. | iskp | hist-khorasan",
        "Gorno-Badakhshan is not Badakhshan | Clashes in Gorno-Badakhshan. | tj-gbao | af-badakhshan",
        "Tajik Badakhshan is Gorno-Badakhshan | Roads in Tajik Badakhshan. | tj-gbao | af-badakhshan",
        "Badakhshan alone is the Afghan province | Clashes in Badakhshan. | af-badakhshan | tj-gbao",
        "Pakistani Taliban is TTP | The Pakistani Taliban struck. | ttp | taliban",
        "Tehreek-e-Taliban Pakistan is TTP | Tehreek-e-Taliban Pakistan fighters | ttp | taliban",
        "Taliban alone is the Afghan Taliban | The Taliban said so. | taliban | ttp",
        "ISIS upper case is Islamic State | ISIS claimed the attack. | islamic-state | ",
        "Isis in title case is not | Isis was an Egyptian goddess. | | islamic-state",
        "IS upper case is Islamic State | IS claimed the attack. | islamic-state | ",
        "is in lower case is not | This is what it is. | | islamic-state",
        "IS in a line of capitals is not | WHY IS THE BORDER CLOSED | | islamic-state",
        "ISKP in a line of capitals still is | ISKP CLAIMS BORDER ATTACK | iskp | ",
        "Kunduz alone is the province | Fighting in Kunduz. | af-kunduz | af-kunduz-city af-kunduz-kunduz",
        "Kunduz city is the city | Fighting in Kunduz city. | af-kunduz-city | ",
        "Fayzabad is the city of Badakhshan | Protests in Fayzabad. | af-fayzabad-city | af-jowzjan-faizabad",
        "a strong name beats a weak one even with the province named | Protests in Fayzabad, Badakhshan. | af-fayzabad-city af-badakhshan | af-badakhshan-faizabad",
        "weak district name without its province is dropped | Argo was a good film. | | af-badakhshan-argo",
        "weak district name with its province counts | Argo district lies in Badakhshan; Argo is quiet. | af-badakhshan-argo af-badakhshan | ",
        "shared district name goes to the province named | Kohistan and Faryab saw clashes. | af-faryab-kohistan af-faryab | af-badakhshan-kohistan af-kapisa-kohistan",
        "shared name with no context stays untagged | Kohistan District was calm. | | af-faryab-kohistan af-badakhshan-kohistan",
        "Ishkashim follows the country named | Ishkashim residents fled to Tajikistan. | tj-gbao-ishkoshim tj | af-badakhshan-ishkashim",
        "Sirajuddin Haqqani is the person | Sirajuddin Haqqani spoke. | sirajuddin-haqqani | haqqani-network",
        "Haqqani network is the group | The Haqqani network is active. | haqqani-network | sirajuddin-haqqani",
        "Kabulov is not Kabul | Zamir Kabulov said so. | zamir-kabulov | af-kabul",
        "iskp is not inside a word | The kiskp file | | iskp",
        "Tajik-Afghan border is the border zone | Clashes on the Tajik\u2011Afghan border. | bz-af-tj | tj af",
        "Russian government is the state, not the region | The Russian government said. | gov-ru | ru"
      })
  void resolvesNamesByTheRules(String rule, String text, String expected, String refused) {
    List<String> named =
        CLASSIFIER.classify("", "", text).tags().stream()
            .filter(t -> !t.inferred())
            .map(Tag::id)
            .toList();

    assertThat(named).containsExactlyInAnyOrderElementsOf(ids(expected));
    for (String id : ids(refused)) {
      assertThat(named).doesNotContain(id);
    }
  }

  private static List<String> ids(String list) {
    return list == null ? List.of() : Arrays.stream(list.trim().split("\\s+")).toList();
  }
}
