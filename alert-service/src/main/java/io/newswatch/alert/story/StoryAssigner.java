package io.newswatch.alert.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides the story of each item of a batch, in the batch's order, from what the database knows
 * (the items received before, the candidates found by link key and text bands) and from the items
 * earlier in the same batch: the item itself when it was received before, else the earliest item of
 * the story window with the same link key, else the nearest one with the same text, else a new
 * story.
 */
public final class StoryAssigner {

  /**
   * An item to assign.
   *
   * @param itemId the item
   * @param fingerprint its link key and text fingerprint
   * @param fetchedAt when it was fetched: the story window is around this
   */
  public record Arrival(String itemId, StoryFingerprint fingerprint, Instant fetchedAt) {}

  /**
   * An item with a story already: stored before, or earlier in the batch.
   *
   * @param itemId the item
   * @param story its story
   * @param fetchedAt when it was fetched
   * @param fingerprint its fingerprint (for text candidates; link candidates need the link key
   *     only)
   */
  public record Stored(
      String itemId, UUID story, Instant fetchedAt, StoryFingerprint fingerprint) {}

  /**
   * What the database said about a batch.
   *
   * @param known stories of items received before, by item id
   * @param byLink items of the window with one of the batch's link keys
   * @param byText text candidates of each arrival (by its position), nearest first
   */
  public record Candidates(
      Map<String, UUID> known, List<Stored> byLink, Map<Integer, List<Stored>> byText) {}

  private final Duration window;
  private final Supplier<UUID> newStory;

  /**
   * @param window how far apart in fetch time two items of one story may be
   * @param newStory ids of new stories
   */
  public StoryAssigner(Duration window, Supplier<UUID> newStory) {
    this.window = window;
    this.newStory = newStory;
  }

  /** The story of each arrival, in order. */
  public List<UUID> assign(List<Arrival> arrivals, Candidates candidates) {
    List<UUID> stories = new ArrayList<>(arrivals.size());
    Map<String, UUID> seen = new HashMap<>(candidates.known());
    List<Stored> links = new ArrayList<>(candidates.byLink());
    List<Stored> earlier = new ArrayList<>();
    for (int i = 0; i < arrivals.size(); i++) {
      Arrival arrival = arrivals.get(i);
      UUID story = seen.get(arrival.itemId());
      if (story == null) {
        story = byLink(arrival, links);
      }
      if (story == null) {
        story = byText(arrival, candidates.byText().getOrDefault(i, List.of()), earlier);
      }
      if (story == null) {
        story = newStory.get();
      }
      stories.add(story);
      if (!seen.containsKey(arrival.itemId())) {
        seen.put(arrival.itemId(), story);
        Stored stored =
            new Stored(arrival.itemId(), story, arrival.fetchedAt(), arrival.fingerprint());
        links.add(stored);
        earlier.add(stored);
      }
    }
    return stories;
  }

  private UUID byLink(Arrival arrival, List<Stored> links) {
    String key = arrival.fingerprint().linkKey();
    if (key == null) {
      return null;
    }
    return links.stream()
        .filter(s -> key.equals(s.fingerprint().linkKey()) && within(arrival, s))
        .min(Comparator.comparing(Stored::fetchedAt))
        .map(Stored::story)
        .orElse(null);
  }

  private UUID byText(Arrival arrival, List<Stored> stored, List<Stored> earlier) {
    StoryFingerprint fingerprint = arrival.fingerprint();
    if (fingerprint.simHash() == null) {
      return null;
    }
    for (Stored candidate : stored) {
      if (within(arrival, candidate) && fingerprint.sameText(candidate.fingerprint())) {
        return candidate.story();
      }
    }
    return earlier.stream()
        .filter(s -> s.fingerprint().simHash() != null && within(arrival, s))
        .filter(s -> fingerprint.sameText(s.fingerprint()))
        .min(
            Comparator.comparingInt(
                (Stored s) ->
                    StoryFingerprint.distance(fingerprint.simHash(), s.fingerprint().simHash())))
        .map(Stored::story)
        .orElse(null);
  }

  private boolean within(Arrival arrival, Stored stored) {
    return Duration.between(stored.fetchedAt(), arrival.fetchedAt()).abs().compareTo(window) <= 0;
  }
}
