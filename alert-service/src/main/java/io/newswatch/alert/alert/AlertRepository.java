package io.newswatch.alert.alert;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.MatchedTerm;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alerts in PostgreSQL. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

  /**
   * Stores the alert of a subscription for an item unless it exists: the unique key on
   * (subscription, item) makes Kafka redelivery and consumer restarts harmless.
   *
   * @return true when a new alert was stored
   */
  boolean insertIfAbsent(
      UUID subscriptionId,
      UUID ownerId,
      ClassifiedItem item,
      List<MatchedTerm> matches,
      Instant createdAt) {
    int inserted =
        getEntityManager()
            .createNativeQuery(
                """
                INSERT INTO alert (id, subscription_id, owner_id, item_id, title, url, source_name,
                                   published_at, severity, matches, tags, created_at)
                VALUES (?1, ?2, ?12, ?3, ?4, ?5, ?6, ?7, ?8,
                        CAST(?9 AS jsonb), CAST(?10 AS jsonb), ?11)
                ON CONFLICT (subscription_id, item_id) DO NOTHING
                """)
            .setParameter(1, UUID.randomUUID())
            .setParameter(2, subscriptionId)
            .setParameter(3, item.id())
            .setParameter(4, item.item().title())
            .setParameter(5, item.item().url())
            .setParameter(6, item.item().sourceName())
            .setParameter(7, item.item().publishedAt())
            .setParameter(8, item.severity().name())
            .setParameter(9, EventJson.writeString(matches))
            .setParameter(10, EventJson.writeString(item.tags()))
            .setParameter(11, createdAt)
            .setParameter(12, ownerId)
            .executeUpdate();
    return inserted == 1;
  }
}
