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
  @Transactional(Transactional.TxType.SUPPORTS)
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
   * Records an item as published. Call only after Kafka acknowledged it: an item recorded but not
   * published would be lost. Insert-if-absent, so a second instance racing on the same item is
   * harmless.
   */
  @Transactional
  public void markSeen(String itemId, long feedId, Instant at) {
    entityManager
        .createNativeQuery(
            "INSERT INTO seen_item (item_id, feed_id, first_seen_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT (item_id) DO NOTHING")
        .setParameter(1, itemId)
        .setParameter(2, feedId)
        .setParameter(3, at)
        .executeUpdate();
  }
}
