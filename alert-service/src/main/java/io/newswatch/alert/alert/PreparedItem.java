package io.newswatch.alert.alert;

import io.newswatch.alert.story.StoryRepository;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.MatchedTerm;
import java.util.List;
import java.util.UUID;

/**
 * A classified item made ready for the transaction that stores its alerts, by {@link
 * AlertService#prepare}, without the database: matched against every subscription, its story keys
 * computed, and what is stored as JSON written. The consumer prepares a batch while the batch
 * before it is being stored, so that this work, half of alert-service's, is not waited for.
 *
 * @param arriving the item with its story keys and stored JSON
 * @param matches the subscriptions it matches, in the index's order
 * @param tags the item's tags as stored with its alerts (JSON), or null if it matches none
 */
public record PreparedItem(StoryRepository.Arriving arriving, List<Matched> matches, String tags) {

  /**
   * A subscription the item matches.
   *
   * @param subscriptionId the subscription
   * @param terms what matched, with the evidence
   * @param termsJson the terms as stored in the alert (JSON)
   */
  public record Matched(UUID subscriptionId, List<MatchedTerm> terms, String termsJson) {

    /** Copies the terms. */
    public Matched {
      terms = List.copyOf(terms);
    }
  }

  /** Copies the matches. */
  public PreparedItem {
    matches = List.copyOf(matches);
  }

  /** The item. */
  public ClassifiedItem item() {
    return arriving.item();
  }
}
