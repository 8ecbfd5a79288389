package io.newswatch.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.TagType;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.newswatch.taxonomy.match.PhraseMatcher;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped taxonomy: it loads, covers what the watch floor needs, and answers look-ups. */
class DefaultTaxonomyTest {

  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  @Test
  void loadsWithAVersionAndAChecksum() {
    assertThat(TAXONOMY.version()).matches("\\d{4}\\.\\d{2}\\.\\d+");
    assertThat(TAXONOMY.info().checksum()).hasSize(16);
    assertThat(TAXONOMY.info().source()).isEqualTo(TaxonomyLoader.DEFAULT_SOURCE);
  }

  @Test
  void coversAfghanistanWithItsProvincesDistrictsAndTheirDariNames() {
    List<Region> provinces =
        TAXONOMY.regions().stream()
            .filter(r -> r.kind() == RegionKind.PROVINCE && r.parents().equals(List.of("af")))
            .toList();
    assertThat(provinces).hasSize(34);
    assertThat(provinces)
        .allSatisfy(p -> assertThat(p.aliases()).anyMatch(a -> a.script() == Script.ARABIC))
        .allSatisfy(p -> assertThat(p.coordinates()).isNotNull());
    long districts =
        TAXONOMY.regions().stream()
            .filter(r -> r.kind() == RegionKind.DISTRICT && r.id().startsWith("af-"))
            .count();
    assertThat(districts).isGreaterThanOrEqualTo(398);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource({
    "Badakhshon, af-badakhshan",
    "Hilmand, af-helmand",
    "Paktya, af-paktia",
    "Panjsher, af-panjshir",
    "Faizabad, af-fayzabad-city",
    "Feyzabad, af-fayzabad-city",
    "Mazar-i-Sharif, af-mazar-i-sharif-city",
    "Jalalabad, af-jalalabad-city",
    "Gorno-Badakhshan, tj-gbao",
    "Khatlon, tj-khatlon",
    "Torkham, bz-torkham",
    "Chaman, bz-chaman",
    "Durand Line, bz-af-pk",
    "Panj River, bz-af-tj",
    "North Waziristan, pk-khyber-pakhtunkhwa-north-waziristan",
    "Khorasan, hist-khorasan",
    "\u0628\u062F\u062E\u0634\u0627\u0646, af-badakhshan"
  })
  void regionAliasesOfTheIssueResolve(String alias, String id) {
    assertThat(TAXONOMY.lookup(alias)).extracting(ref -> ref.entry().id()).contains(id);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource({
    "ISKP, iskp",
    "ISIS-K, iskp",
    "IS-K, iskp",
    "ISIS-Khorasan, iskp",
    "Islamic State Khorasan Province, iskp",
    "Wilayat Khorasan, iskp",
    "Daesh Khorasan, iskp",
    "\u062F\u0627\u0639\u0634 \u062E\u0631\u0627\u0633\u0627\u0646, iskp",
    "\u0418\u0413\u0418\u041B-\u0425\u043E\u0440\u0430\u0441\u0430\u043D, iskp",
    "Islamic Emirate, taliban",
    "Islamic State, islamic-state",
    "AQIS, aqis",
    "Pakistani Taliban, ttp",
    "Tehrik-i-Taliban Pakistan, ttp",
    "Haqqani network, haqqani-network",
    "IMU, imu",
    "Jamaat Ansarullah, jamaat-ansarullah",
    "ETIM, etim",
    "TIP, etim",
    "Lashkar-e-Taiba, lashkar-e-taiba",
    "Jaish-e-Mohammed, jaish-e-mohammed",
    "BLA, bla",
    "NRF, nrf",
    "AFF, aff",
    "CSTO, csto",
    "\u041E\u0414\u041A\u0411, csto",
    "SCO, sco",
    "IRGC, irgc",
    "Quds Force, quds-force",
    "UNAMA, unama",
    "United Nations, un",
    "Kremlin, gov-ru",
    "Sirajuddin Haqqani, sirajuddin-haqqani"
  })
  void actorAliasesOfTheIssueResolve(String alias, String id) {
    assertThat(TAXONOMY.lookup(alias)).extracting(ref -> ref.entry().id()).contains(id);
  }

  @Test
  void lookupIgnoresCaseAndReturnsEveryEntryOfASharedName() {
    assertThat(TAXONOMY.lookup("iskp")).extracting(ref -> ref.entry().id()).containsOnly("iskp");
    assertThat(TAXONOMY.lookup("Kunduz"))
        .extracting(ref -> ref.entry().id())
        .contains("af-kunduz", "af-kunduz-city", "af-kunduz-kunduz");
    assertThat(TAXONOMY.lookup("no such place")).isEmpty();
  }

  /** How alert-service expands a bare term to every alias of the entry it names. */
  @Test
  void aTermExpandsToEveryAliasOfItsEntryAndTheHitNamesTheAlias() {
    Entry iskp = TAXONOMY.lookup("ISKP").get(0).entry();
    PhraseMatcher.Builder<Alias> builder = PhraseMatcher.builder();
    iskp.aliases().forEach(alias -> builder.add(alias.text(), alias.caseSensitive(), alias));
    PhraseMatcher<Alias> expanded = builder.build();

    List<PhraseMatcher.Hit<Alias>> hits =
        expanded.findAll("Fighters of the Islamic State\u2019s Khorasan Province were seen.");
    assertThat(PhraseMatcher.leftmostLongest(hits))
        .singleElement()
        .satisfies(
            hit -> {
              assertThat(hit.payload().text()).isEqualTo("Islamic State Khorasan Province");
              assertThat(hit.text()).isEqualTo("Islamic State\u2019s Khorasan Province");
            });
  }

  @Test
  void statesOfTheRegionAndGreatPowersAreActors() {
    Set<String> states =
        TAXONOMY.actors().stream()
            .filter(a -> a.kind() == ActorKind.STATE)
            .map(Actor::id)
            .collect(Collectors.toSet());
    assertThat(states)
        .contains(
            "gov-af", "gov-pk", "gov-ir", "gov-tj", "gov-uz", "gov-tm", "gov-ru", "gov-cn",
            "gov-us", "gov-in");
  }

  @Test
  void ancestorsRunFromTheNearestToTheCountry() {
    Region fayzabad = TAXONOMY.region("af-fayzabad-city").orElseThrow();

    assertThat(TAXONOMY.ancestors(fayzabad))
        .extracting(Entry::id)
        .containsExactly("af-badakhshan", "af");
    assertThat(TAXONOMY.ancestors(TAXONOMY.actor("quds-force").orElseThrow()))
        .extracting(Entry::id)
        .containsExactly("irgc", "gov-ir");
  }

  @Test
  void aRegionFilterMatchesEverythingInsideTheRegion() {
    assertThat(TAXONOMY.descendants(TagType.REGION, "af-kunduz"))
        .contains("af-kunduz-city", "af-kunduz-imam-sahib")
        .doesNotContain("af-kunduz", "af-badakhshan");
    assertThat(TAXONOMY.isWithin(TagType.REGION, "af-kunduz-city", "af")).isTrue();
    assertThat(TAXONOMY.isWithin(TagType.REGION, "bz-torkham", "pk")).isTrue();
    assertThat(TAXONOMY.isWithin(TagType.REGION, "tj-gbao", "af")).isFalse();
    assertThat(TAXONOMY.isWithin(TagType.ACTOR, "iskp", "islamic-state")).isTrue();
  }
}
