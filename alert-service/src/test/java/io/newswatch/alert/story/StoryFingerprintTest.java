package io.newswatch.alert.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.RawItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoryFingerprintTest {

  private static final String WIRE =
      "The attack on the checkpoint in Kunduz city killed four police officers and wounded six"
          + " others, the provincial governor's spokesman said on Tuesday, adding that the attackers"
          + " fled.";

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.example.org/news/1       | http://example.org/news/1/                       | true",
        "https://example.org/news/1?utm_source=rss&id=4 | https://EXAMPLE.org/news/1?id=4#top    | true",
        "https://m.example.org/a?b=2&a=1      | https://example.org/a?a=1&b=2                    | true",
        "https://example.org:443/a            | https://example.org/a                            | true",
        "https://example.org/news/1           | https://example.org/news/2                       | false",
        "https://example.org/a?id=1           | https://example.org/a?id=2                       | false",
        "https://example.org/a                | https://example.com/a                            | false",
      })
  void linksOfOneArticleHaveOneKey(String a, String b, boolean same) {
    assertThat(StoryFingerprint.linkKey(a).equals(StoryFingerprint.linkKey(b))).isEqualTo(same);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a dateline and one word changed | KABUL (Reuters) - The attack on the checkpoint in Kunduz"
            + " city killed four police officers and wounded six others, the provincial governor's"
            + " spokesman said on Tuesday, adding that the attackers escaped. | true",
        "the last clause cut | The attack on the checkpoint in Kunduz city killed four police"
            + " officers and wounded six others, the provincial governor's spokesman said on"
            + " Tuesday. | true",
        "another story from the same template | The attack on a checkpoint in Kandahar killed two"
            + " soldiers and wounded three others, the provincial police chief said on"
            + " Wednesday. | false",
        "an unrelated story | Prices of wheat and cooking oil rose again in markets in Herat and"
            + " Mazar-i-Sharif, traders said, as imports through Hairatan slowed. | false",
      })
  void copiesOfOneWireStoryHaveTheSameText(String what, String other, boolean same) {
    StoryFingerprint first = StoryFingerprint.of(item("Attack in Kunduz", WIRE));
    StoryFingerprint second = StoryFingerprint.of(item("Four police killed", other));

    assertThat(first.sameText(second)).isEqualTo(same);
    assertThat(second.sameText(first)).isEqualTo(same);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"Snow closes the Salang pass", "Short title and a short summary"})
  void aShortTextHasNoTextFingerprint(String title) {
    StoryFingerprint fingerprint = StoryFingerprint.of(item(title, ""));

    assertThat(fingerprint.simHash()).isNull();
    assertThat(fingerprint.bands()).isEmpty();
    assertThat(fingerprint.sameText(fingerprint)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"a dateline | KABUL (Reuters) - "})
  void nearFingerprintsShareABandAndALockKey(String what, String prefix) {
    StoryFingerprint first = StoryFingerprint.of(item("A", WIRE));
    StoryFingerprint second = StoryFingerprint.of(item("B", prefix + WIRE));

    assertThat(StoryFingerprint.distance(first.simHash(), second.simHash()))
        .isLessThanOrEqualTo(StoryFingerprint.MAX_DISTANCE);
    assertThat(first.bands()).hasSize(StoryFingerprint.BANDS);
    assertThat(List.of(box(first.bands()))).containsAnyOf(box(second.bands()));
    assertThat(List.of(box(first.lockKeys()))).containsAnyOf(box(second.lockKeys()));
  }

  @Test
  void sortsValuesAndKeepsEachOnce() {
    assertThat(StoryFingerprint.sortedDistinct(new long[] {5, -3, 5, Long.MIN_VALUE, 0, -3, 5}))
        .containsExactly(Long.MIN_VALUE, -3, 0, 5);
    assertThat(StoryFingerprint.sortedDistinct(new long[] {2, 1})).containsExactly(1, 2);
    assertThat(StoryFingerprint.sortedDistinct(new long[0])).isEmpty();
    Random random = new Random(11);
    long[] values = random.longs(2_000, -50, 50).toArray();
    assertThat(StoryFingerprint.sortedDistinct(values.clone()))
        .containsExactly(Arrays.stream(values).sorted().distinct().toArray());
  }

  @Test
  void copiesThatAreOneStoryShareABandAndUnrelatedTextsRarelyDo() {
    Random random = new Random(7);
    String[] vocabulary = new String[400]; // a small vocabulary: unrelated texts share word pairs
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "w" + Integer.toString(i * 7919 % 4001, 36);
    }
    List<StoryFingerprint> originals = new ArrayList<>();
    int copies = 0;
    int copiesFound = 0;
    for (int n = 0; n < 400; n++) {
      List<String> words = new ArrayList<>();
      for (int i = 0; i < 40 + random.nextInt(80); i++) {
        words.add(vocabulary[random.nextInt(vocabulary.length)]);
      }
      StoryFingerprint original = StoryFingerprint.of(item("T", String.join(" ", words)));
      originals.add(original);
      // A copy edited as wire copies are: a dateline, words changed, the end cut.
      List<String> edited = new ArrayList<>(words);
      edited.addAll(0, List.of("kabul", "reuters"));
      for (int e = random.nextInt(1 + words.size() / 8); e > 0; e--) {
        edited.set(random.nextInt(edited.size()), vocabulary[random.nextInt(vocabulary.length)]);
      }
      edited = edited.subList(0, edited.size() - random.nextInt(words.size() / 5));
      StoryFingerprint copy = StoryFingerprint.of(item("T", String.join(" ", edited)));
      if (original.sameText(copy)) {
        copies++;
        if (shareABand(original, copy)) {
          copiesFound++;
        }
      }
    }
    int pairs = 0;
    int shared = 0;
    for (int i = 0; i < originals.size(); i++) {
      for (int j = i + 1; j < originals.size(); j++) {
        pairs++;
        shared += shareABand(originals.get(i), originals.get(j)) ? 1 : 0;
      }
    }

    assertThat(copies).isGreaterThan(200);
    assertThat((double) copiesFound / copies).isGreaterThanOrEqualTo(0.98);
    assertThat((double) shared / pairs).isLessThan(0.005);
  }

  private static boolean shareABand(StoryFingerprint a, StoryFingerprint b) {
    Set<Integer> bands = new HashSet<>(List.of(box(a.bands())));
    return Arrays.stream(b.bands()).anyMatch(bands::contains);
  }

  private static Integer[] box(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  private static Long[] box(long[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
  }

  private static RawItem item(String title, String summary) {
    return RawItem.of(
        "0123456789abcdef0123456789abcdef",
        "1",
        "https://feeds.example.org/rss",
        "Example",
        null,
        title,
        summary,
        "",
        "en",
        null,
        Instant.EPOCH,
        List.of());
  }
}
