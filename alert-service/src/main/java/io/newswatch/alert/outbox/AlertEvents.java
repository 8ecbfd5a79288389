package io.newswatch.alert.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newswatch.alert.alert.AlertRepository;
import io.newswatch.alert.db.ArraySql;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.EventSchema;
import io.newswatch.events.ItemRef;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The alert events of the alert stream, and how far a relay has published them: a named position in
 * {@code stream_cursor}, locked by the relay's transaction so that one instance publishes at a time
 * and in stream order.
 */
@ApplicationScoped
public class AlertEvents {

  // Made once: EventJson.mapper() is a fresh copy, whose deserializers would be built again
  // (Jackson introspection took a third of alert-service's CPU when called per row).
  private static final ObjectReader MATCHES =
      EventJson.mapper().readerFor(new TypeReference<List<MatchedTerm>>() {});

  private final EntityManager entityManager;
  private final AlertRepository alerts;

  AlertEvents(EntityManager entityManager, AlertRepository alerts) {
    this.entityManager = entityManager;
    this.alerts = alerts;
  }

  /** An alert's event at its stream position. */
  public record Positioned(long position, AlertEvent event) {}

  /**
   * The cursor's position, locked until the caller's transaction ends (waiting for a relay on
   * another instance to finish its round). A cursor not there yet starts at 0.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  long lock(String cursor) {
    List<?> found =
        entityManager
            .createNativeQuery("SELECT position FROM stream_cursor WHERE name = ?1 FOR UPDATE")
            .setParameter(1, cursor)
            .getResultList();
    if (!found.isEmpty()) {
      return ((Number) found.get(0)).longValue();
    }
    entityManager
        .createNativeQuery(
            "INSERT INTO stream_cursor (name, position, updated_at) VALUES (?1, 0, now())"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, cursor)
        .executeUpdate();
    return lock(cursor);
  }

  /** Moves a locked cursor. */
  @Transactional(Transactional.TxType.MANDATORY)
  void advance(String cursor, long position, Instant now) {
    entityManager
        .createNativeQuery(
            "UPDATE stream_cursor SET position = ?1, updated_at = ?2 WHERE name = ?3")
        .setParameter(1, position)
        .setParameter(2, now)
        .setParameter(3, cursor)
        .executeUpdate();
  }

  /** How many stream entries lie beyond the cursor (its lag). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  long behind(String cursor) {
    return ((Number)
            entityManager
                .createNativeQuery(
                    """
                    SELECT COALESCE((SELECT max(position) FROM alert_stream), 0)
                         - COALESCE((SELECT position FROM stream_cursor WHERE name = ?1), 0)
                    """)
                .setParameter(1, cursor)
                .getSingleResult())
        .longValue();
  }

  /**
   * Lets the rest of the caller's transaction run the generic plans of its prepared statements
   * instead of planning them again for each round: PostgreSQL chose a custom plan for {@link
   * #after} every time, and planning its five-table join took as long as running it (0.9 ms a round
   * under load). Every statement of a round looks rows up by key, which is what the generic plans
   * do.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void useGenericPlans() {
    entityManager
        .createNativeQuery("SET LOCAL plan_cache_mode = force_generic_plan")
        .executeUpdate();
  }

  /**
   * The events of the alerts after {@code position}, in stream order, at most {@code limit}. An
   * alert deleted meanwhile (with its subscription) has none. The stream entries are taken first
   * (materialized, at most {@code limit}), then each one's alert by its key ({@link #afterQuery}),
   * whatever the size of the tables. The tags are read once per item (an item has alerts of several
   * subscriptions).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  List<Positioned> after(long position, int limit) {
    List<Positioned> untagged =
        ArraySql.query(entityManager, afterQuery(limit), AlertEvents::read, position);
    Map<String, List<Tag>> tags =
        alerts.tags(untagged.stream().map(p -> p.event().item().id()).toList());
    return untagged.stream()
        .map(p -> withTags(p, tags.getOrDefault(p.event().item().id(), List.of())))
        .toList();
  }

  /**
   * The statement of {@link #after}: its one parameter is the position. Each stream entry's alert
   * is looked up by key in a lateral subquery that PostgreSQL cannot fold into the join ({@code
   * OFFSET 0}): as a join, the generic plan (which takes a third of the stream to lie beyond any
   * position) hashed the whole alert table for a round of a few dozen alerts.
   */
  static String afterQuery(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    return """
        WITH s AS MATERIALIZED (
          SELECT position, alert_id FROM alert_stream WHERE position > ? ORDER BY position LIMIT %d)
        SELECT s.position, e.*
        FROM s CROSS JOIN LATERAL (
          SELECT a.id, a.subscription_id, sub.name, u.username, a.item_id, src.feed_id,
                 a.source_name, a.url, a.title, a.published_at, a.severity,
                 CAST(a.matches AS text) AS matches, a.created_at
          FROM alert a
          JOIN subscription sub ON sub.id = a.subscription_id
          JOIN app_user u ON u.id = a.owner_id
          LEFT JOIN alert_source src ON src.alert_id = a.id AND src.item_id = a.item_id
          WHERE a.id = s.alert_id
          OFFSET 0) e
        ORDER BY s.position
        """
        .formatted(limit);
  }

  private static Positioned withTags(Positioned untagged, List<Tag> tags) {
    AlertEvent e = untagged.event();
    return new Positioned(
        untagged.position(),
        new AlertEvent(
            e.schemaVersion(),
            e.alertId(),
            e.subscriptionId(),
            e.subscriptionName(),
            e.owner(),
            e.item(),
            e.severity(),
            e.matches(),
            tags,
            e.createdAt()));
  }

  private static Positioned read(ResultSet row) throws SQLException {
    try {
      AlertEvent event =
          new AlertEvent(
              EventSchema.VERSION,
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getString(5),
              new ItemRef(
                  row.getString(6),
                  // every alert has its own item as a source; "unknown" only if that was lost
                  row.getString(7) == null ? "unknown" : row.getString(7),
                  row.getString(8),
                  row.getString(9),
                  row.getString(10),
                  instant(row, 11)),
              Severity.valueOf(row.getString(12)),
              MATCHES.readValue(row.getString(13)),
              List.of(), // read per item, see after()
              instant(row, 14));
      return new Positioned(row.getLong(1), event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert " + row.getString(2) + " is unreadable", e);
    }
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    java.time.OffsetDateTime value = row.getObject(column, java.time.OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
