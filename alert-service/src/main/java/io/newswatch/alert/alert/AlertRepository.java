package io.newswatch.alert.alert;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.MatchedTerm;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Alerts and their sources in PostgreSQL. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

  /**
   * A stored alert with what its event needs.
   *
   * @param id the alert
   * @param subscriptionName the subscription's name
   * @param owner user name of the subscription's owner
   */
  record Created(UUID id, String subscriptionName, String owner) {}

  /**
   * Stores the alert of a subscription for a story unless it exists: the unique key on
   * (subscription, story) makes redelivery, restarts and copies from other feeds harmless. A
   * subscription deleted or disabled meanwhile gets none.
   */
  Optional<Created> insertIfAbsent(
      UUID subscriptionId,
      UUID storyId,
      ClassifiedItem item,
      List<MatchedTerm> matches,
      Instant createdAt) {
    UUID id = UUID.randomUUID();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        getEntityManager()
            .createNativeQuery(
                """
                WITH s AS (
                  SELECT s.id, s.owner_id, s.name, u.username
                  FROM subscription s JOIN app_user u ON u.id = s.owner_id
                  WHERE s.id = ?1 AND s.enabled),
                inserted AS (
                  INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id, title, url,
                                     source_name, published_at, severity, matches, tags, status,
                                     created_at)
                  SELECT ?2, s.id, s.owner_id, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                         CAST(?10 AS jsonb), CAST(?11 AS jsonb), 'NEW', ?12
                  FROM s
                  ON CONFLICT DO NOTHING
                  RETURNING id)
                SELECT s.name, s.username FROM inserted, s
                """,
                Object[].class)
            .setParameter(1, subscriptionId)
            .setParameter(2, id)
            .setParameter(3, storyId)
            .setParameter(4, item.id())
            .setParameter(5, item.item().title())
            .setParameter(6, item.item().url())
            .setParameter(7, item.item().sourceName())
            .setParameter(8, item.item().publishedAt())
            .setParameter(9, item.severity().name())
            .setParameter(10, EventJson.writeString(matches))
            .setParameter(11, EventJson.writeString(item.tags()))
            .setParameter(12, createdAt)
            .getResultList();
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(new Created(id, (String) rows.get(0)[0], (String) rows.get(0)[1]));
  }

  /**
   * Makes every item received of a story a source of every alert of the story: the copy just
   * received, and, for an alert just created, the copies that came before it (from another
   * partition, or before the subscription matched). Returns how many sources were added.
   */
  int attachSources(UUID storyId, Instant addedAt) {
    return getEntityManager()
        .createNativeQuery(
            """
            INSERT INTO alert_source (alert_id, item_id, feed_id, source_name, url, title,
                                      published_at, added_at)
            SELECT a.id, r.item_id, r.payload->'item'->>'feedId',
                   COALESCE(r.payload->'item'->>'sourceName', ''), r.payload->'item'->>'url',
                   COALESCE(r.payload->'item'->>'title', ''),
                   CAST(r.payload->'item'->>'publishedAt' AS timestamp with time zone), ?2
            FROM alert a JOIN received_item r ON r.story_id = a.story_id
            WHERE a.story_id = ?1
            ON CONFLICT DO NOTHING
            """)
        .setParameter(1, storyId)
        .setParameter(2, addedAt)
        .executeUpdate();
  }

  /** The sources of some alerts, oldest first. */
  Map<UUID, List<SourceView>> sources(List<UUID> alertIds) {
    Map<UUID, List<SourceView>> sources = new LinkedHashMap<>();
    if (alertIds.isEmpty()) {
      return sources;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        getEntityManager()
            .createNativeQuery(
                """
                SELECT alert_id, item_id, feed_id, source_name, url, title, published_at, added_at
                FROM alert_source WHERE alert_id IN (?1) ORDER BY added_at, item_id
                """,
                Object[].class)
            .setParameter(1, alertIds)
            .getResultList();
    for (Object[] row : rows) {
      sources
          .computeIfAbsent((UUID) row[0], k -> new ArrayList<>())
          .add(
              new SourceView(
                  (String) row[1],
                  (String) row[2],
                  (String) row[3],
                  (String) row[4],
                  (String) row[5],
                  instant(row[6]),
                  instant(row[7])));
    }
    return sources;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return ((Timestamp) value).toInstant();
  }
}
