package io.newswatch.taxonomy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyValidatorTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-15T08:00:00Z"), ZoneOffset.UTC);
  private static final String REGION_HEADER =
      "id\tkind\tparents\tname\tlat\tlon\tgeonames\taliases\tcase_sensitive\n";
  private static final String ACTOR_HEADER =
      "id\tkind\tparents\taffiliations\tname\taliases\tcase_sensitive\n";
  private static final String CUE_HEADER = "id\tstrength\tforms\n";

  /** A small valid taxonomy; each test breaks one line of it. */
  static Map<String, String> valid() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(TaxonomyLoader.PROPERTIES, "version=2026.01.1\ndescription=test\n");
    files.put(
        TaxonomyLoader.REGIONS,
        "# comment\n"
            + REGION_HEADER
            + "af\tcountry\t\tAfghanistan\t33.9\t67.7\t1149361\tAfghanistan\t\n"
            + "af-badakhshan\tprovince\taf\tBadakhshan\t37.1\t70.6\t\tBadakhshan|Badakhshon\t\n"
            + "af-argo\tdistrict\taf-badakhshan\tArgo\t\t\t\tArgo District|~Argo\t\n");
    files.put(
        TaxonomyLoader.ACTORS,
        ACTOR_HEADER
            + "islamic-state\tarmed-group\t\t\tIslamic State\tIslamic State\tIS|ISIS\n"
            + "iskp\tarmed-group\tislamic-state\t\tISKP\tISIS-K\tISKP\n"
            + "someone\tperson\t\tiskp\tSomeone\tSomeone Person\t\n");
    files.put(TaxonomyLoader.CUES, CUE_HEADER + "killed\tstrong\tkilled|dead\n");
    return files;
  }

  private static Taxonomy validate(Map<String, String> files) {
    return TaxonomyValidator.validate("test", files, "0123456789abcdef", CLOCK);
  }

  @Test
  void readsAValidTaxonomy() {
    Taxonomy taxonomy = validate(valid());

    assertThat(taxonomy.version()).isEqualTo("2026.01.1");
    assertThat(taxonomy.regions()).hasSize(3);
    assertThat(taxonomy.region("af-argo").orElseThrow().aliases())
        .anySatisfy(
            a -> {
              assertThat(a.text()).isEqualTo("Argo");
              assertThat(a.weak()).isTrue();
            });
    assertThat(taxonomy.actor("islamic-state").orElseThrow().aliases())
        .filteredOn(a -> a.text().equals("IS"))
        .singleElement()
        .satisfies(a -> assertThat(a.caseSensitive()).isTrue());
    assertThat(taxonomy.info().loadedAt()).isEqualTo(CLOCK.instant());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "unknown parent ; regions.tsv ; af-argo\tdistrict\taf-badakhshan ; af-argo\tdistrict\taf-badakshan ; parent 'af-badakshan' of af-argo does not exist",
        "district under a country ; regions.tsv ; af-argo\tdistrict\taf-badakhshan ; af-argo\tdistrict\taf ; a district (af-argo) cannot lie in a country (af)",
        "unknown region kind ; regions.tsv ; af-argo\tdistrict ; af-argo\tvillage ; unknown kind 'village' of region af-argo",
        "bad id ; regions.tsv ; af-argo\t ; AF_Argo\t ; id 'AF_Argo' must be lower-case",
        "duplicate id ; regions.tsv ; af-argo\t ; af-badakhshan\t ; duplicate id af-badakhshan",
        "coordinates out of range ; regions.tsv ; 33.9\t67.7 ; 133.9\t67.7 ; coordinates out of range",
        "half coordinates ; regions.tsv ; '33.9\t67.7' ; '33.9\t' ; lat and lon must both be decimal degrees or both empty",
        "duplicate alias after normalisation ; regions.tsv ; Badakhshan|Badakhshon ; Badakhshan|BADAKHSHAN ; is the same as 'Badakhshan' after normalisation",
        "alias without words ; regions.tsv ; Badakhshan|Badakhshon ; Badakhshan|\u2013 ; has no words",
        "no aliases ; regions.tsv ; Argo District|~Argo ; ; has no aliases",
        "case-sensitive alias in lower case ; actors.tsv ; IS|ISIS ; is|ISIS ; has no upper-case letter",
        "unknown affiliation ; actors.tsv ; \tiskp\tSomeone ; \tisk\tSomeone ; affiliation 'isk' of someone does not exist",
        "affiliation of a group ; actors.tsv ; 'iskp\tarmed-group\tislamic-state\t\t' ; 'iskp\tarmed-group\tislamic-state\tislamic-state\t' ; only persons have affiliations",
        "cycle of parents ; actors.tsv ; 'islamic-state\tarmed-group\t\t\t' ; 'islamic-state\tarmed-group\tiskp\t\t' ; is its own ancestor",
        "unknown cue strength ; cues.tsv ; strong ; deadly ; strength of cue killed must be strong or weak",
        "wrong column count ; cues.tsv ; killed|dead ; killed|dead\textra ; expected 3 tab-separated columns",
        "missing version ; taxonomy.properties ; version=2026.01.1 ; release=1 ; version must be"
      })
  void refusesBrokenDataNamingFileAndProblem(
      String rule, String file, String from, String to, String problem) {
    Map<String, String> files = valid();
    String content = files.get(file);
    String replacement = to == null ? "" : to.replace("\\t", "\t");
    String original = from.replace("\\t", "\t");
    assertThat(content).contains(original);
    files.put(file, content.replace(original, replacement));

    assertThatThrownBy(() -> validate(files))
        .isInstanceOf(TaxonomyException.class)
        .satisfies(
            e ->
                assertThat(((TaxonomyException) e).problems())
                    .anyMatch(p -> p.contains(problem) && p.startsWith(file)));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    Map<String, String> files = valid();
    files.put(TaxonomyLoader.PROPERTIES, "");
    files.put(TaxonomyLoader.CUES, "no header here\n");

    assertThatThrownBy(() -> validate(files))
        .isInstanceOf(TaxonomyException.class)
        .satisfies(
            e -> assertThat(((TaxonomyException) e).problems()).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void loadsADirectoryAndChecksumsItsContent(@TempDir Path directory) throws IOException {
    for (Map.Entry<String, String> file : valid().entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue());
    }

    Taxonomy taxonomy = TaxonomyLoader.load(directory, CLOCK);
    assertThat(taxonomy.info().source()).isEqualTo(directory.toString());
    assertThat(taxonomy.info().checksum()).isEqualTo(TaxonomyLoader.checksumOf(directory));

    Files.writeString(
        directory.resolve(TaxonomyLoader.CUES), CUE_HEADER + "killed\tstrong\tkilled\n");
    assertThat(TaxonomyLoader.checksumOf(directory)).isNotEqualTo(taxonomy.info().checksum());
  }

  @Test
  void aDirectoryMissingAFileIsRefused(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve(TaxonomyLoader.PROPERTIES), "version=1\n");

    assertThatThrownBy(() -> TaxonomyLoader.load(directory, CLOCK))
        .isInstanceOf(TaxonomyException.class)
        .satisfies(
            e ->
                assertThat(((TaxonomyException) e).problems())
                    .anyMatch(p -> p.startsWith("regions.tsv: missing")));
  }
}
