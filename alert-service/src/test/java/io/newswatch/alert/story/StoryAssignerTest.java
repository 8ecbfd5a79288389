package io.newswatch.alert.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.RawItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryAssignerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String WIRE =
      "Fighters attacked a border post near Ishkashim on Sunday morning and two guards were"
          + " wounded, officials in Badakhshan said, adding that the attackers crossed the river.";
  private static final String OTHER =
      "Prices of wheat and cooking oil rose again in markets in Herat and Mazar-i-Sharif, traders"
          + " said, as imports through Hairatan slowed for a second week running.";

  private final StoryAssigner assigner = new StoryAssigner(Duration.ofHours(48), UUID::randomUUID);

  @Test
  void copiesInOneBatchShareTheFirstOnesStoryAndOthersGetTheirOwn() {
    List<StoryAssigner.Arrival> batch =
        List.of(
            arrival("a", "https://a.example.org/1", WIRE, NOW),
            arrival("b", "https://b.example.org/2", "ISHKASHIM (AFP) - " + WIRE, NOW),
            arrival("c", "https://c.example.org/3", OTHER, NOW),
            arrival("d", "http://www.a.example.org/1/?utm_source=rss", "", NOW));

    List<UUID> stories = assigner.assign(batch, nothingStored());

    assertThat(stories.get(1)).isEqualTo(stories.get(0));
    assertThat(stories.get(3)).isEqualTo(stories.get(0));
    assertThat(stories.get(2)).isNotEqualTo(stories.get(0));
  }

  @Test
  void anItemReceivedBeforeKeepsItsStoryAndARepeatInTheBatchToo() {
    UUID known = UUID.randomUUID();
    List<StoryAssigner.Arrival> batch =
        List.of(
            arrival("a", "https://a.example.org/1", WIRE, NOW),
            arrival("a", "https://a.example.org/1", WIRE, NOW),
            arrival("b", "https://b.example.org/1", OTHER, NOW),
            arrival("b", "https://b.example.org/1", OTHER, NOW));

    List<UUID> stories =
        assigner.assign(
            batch, new StoryAssigner.Candidates(Map.of("a", known), List.of(), Map.of()));

    assertThat(stories.get(0)).isEqualTo(known);
    assertThat(stories.get(1)).isEqualTo(known);
    assertThat(stories.get(3)).isEqualTo(stories.get(2)).isNotEqualTo(known);
  }

  @Test
  void aStoredLinkWinsOverTextAndOnlyWithinTheWindow() {
    UUID byLink = UUID.randomUUID();
    UUID byText = UUID.randomUUID();
    UUID old = UUID.randomUUID();
    StoryAssigner.Arrival arrival = arrival("x", "https://a.example.org/1", WIRE, NOW);
    StoryAssigner.Candidates candidates =
        new StoryAssigner.Candidates(
            Map.of(),
            List.of(
                stored("o", old, "https://a.example.org/1", "", NOW.minus(Duration.ofDays(3))),
                stored("l", byLink, "https://a.example.org/1", "", NOW.minusSeconds(60))),
            Map.of(0, List.of(stored("t", byText, "https://t.example.org/9", WIRE, NOW))));

    assertThat(assigner.assign(List.of(arrival), candidates)).containsExactly(byLink);
  }

  @Test
  void aStoredCopyOfTheTextIsTheStoryUnlessItIsOutsideTheWindow() {
    UUID stored = UUID.randomUUID();
    StoryAssigner.Arrival arrival = arrival("x", null, "KABUL (Reuters) - " + WIRE, NOW);

    List<UUID> near =
        assigner.assign(
            List.of(arrival),
            new StoryAssigner.Candidates(
                Map.of(), List.of(), Map.of(0, List.of(stored("s", stored, null, WIRE, NOW)))));
    List<UUID> far =
        assigner.assign(
            List.of(arrival),
            new StoryAssigner.Candidates(
                Map.of(),
                List.of(),
                Map.of(
                    0, List.of(stored("s", stored, null, WIRE, NOW.minus(Duration.ofHours(49)))))));
    List<UUID> unrelated =
        assigner.assign(
            List.of(arrival),
            new StoryAssigner.Candidates(
                Map.of(), List.of(), Map.of(0, List.of(stored("s", stored, null, OTHER, NOW)))));

    assertThat(near).containsExactly(stored);
    assertThat(far.get(0)).isNotEqualTo(stored);
    assertThat(unrelated.get(0)).isNotEqualTo(stored);
  }

  private static StoryAssigner.Candidates nothingStored() {
    return new StoryAssigner.Candidates(Map.of(), List.of(), Map.of());
  }

  private static StoryAssigner.Arrival arrival(String id, String url, String text, Instant at) {
    return new StoryAssigner.Arrival(id, StoryFingerprint.of(item(url, text)), at);
  }

  private static StoryAssigner.Stored stored(
      String id, UUID story, String url, String text, Instant at) {
    return new StoryAssigner.Stored(id, story, at, StoryFingerprint.of(item(url, text)));
  }

  private static RawItem item(String url, String text) {
    return RawItem.of(
        "0123456789abcdef0123456789abcdef",
        "1",
        "https://feeds.example.org/rss",
        "Example",
        url,
        "A title",
        text,
        "",
        "en",
        null,
        NOW,
        List.of());
  }
}
