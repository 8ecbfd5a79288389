package io.newswatch.ingest.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of items already published, shared by every instance through PostgreSQL, so that an item
 * is published once across restarts and instances.
 */
@ApplicationScoped
public class SeenItems {

  private final EntityManager entityManager;

  SeenItems(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Those of {@code ids} that were published before. */
  @Transactional
  public Set<String> alreadySeen(Collection<String> ids) {
    if (ids.isEmpty()) {
      return new HashSet<>();
    }
    @SuppressWarnings("unchecked")
    List<String> seen =
        entityManager
            .createNativeQuery("SELECT item_id FROM seen_item WHERE item_id = ANY(?1)")
            .setParameter(1, ids.toArray(String[]::new))
            .getResultList();
    return new HashSet<>(seen);
  }

  /**
   * Records items as published. Call only after Kafka acknowledged them: an item recorded but not
   * published would be lost. Insert-if-absent, so a second instance racing on the same item is
   * harmless.
   */
  @Transactional
  public void markSeen(Collection<String> itemIds, long feedId, Instant at) {
    if (itemIds.isEmpty()) {
      return;
    }
    entityManager
        .createNativeQuery(
            "INSERT INTO seen_item (item_id, feed_id, first_seen_at, last_seen_at)"
                + " SELECT id, ?2, ?3, ?3 FROM unnest(?1) AS id"
                + " ON CONFLICT (item_id) DO NOTHING")
        .setParameter(1, itemIds.toArray(String[]::new))
        .setParameter(2, feedId)
        .setParameter(3, at)
        .executeUpdate();
  }

  /**
   * Notes that items are still in their feed, so that retention never forgets an item the feed
   * still carries (it would be published again). Touches a row at most once a day.
   */
  @Transactional
  public void stillInFeed(Collection<String> itemIds, Instant at) {
    if (itemIds.isEmpty()) {
      return;
    }
    entityManager
        .createNativeQuery(
            "UPDATE seen_item SET last_seen_at = ?2 WHERE item_id = ANY(?1) AND last_seen_at < ?3")
        .setParameter(1, itemIds.toArray(String[]::new))
        .setParameter(2, at)
        .setParameter(3, at.minusSeconds(86_400))
        .executeUpdate();
  }

  /** Forgets items last seen in their feed before {@code cutoff}; returns how many. */
  @Transactional
  public int forgetSeenBefore(Instant cutoff) {
    return entityManager
        .createNativeQuery("DELETE FROM seen_item WHERE last_seen_at < ?1")
        .setParameter(1, cutoff)
        .executeUpdate();
  }
}
