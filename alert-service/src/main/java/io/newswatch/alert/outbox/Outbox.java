package io.newswatch.alert.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbox table's housekeeping. Webhook and email deliveries are written to it in the alert's
 * transaction ({@link io.newswatch.alert.delivery.Deliveries}); alert events to Kafka are published
 * from the alert stream by {@link AlertEventRelay}.
 */
@ApplicationScoped
public class Outbox {

  private final EntityManager entityManager;

  Outbox(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Deletes finished messages (delivered, failed, folded, cancelled) older than the retention. */
  @Transactional
  int prune(Instant now, Duration retention) {
    return entityManager
        .createNativeQuery(
            "DELETE FROM outbox WHERE status NOT IN ('pending', 'held') AND done_at < ?1")
        .setParameter(1, now.minus(retention))
        .executeUpdate();
  }
}
