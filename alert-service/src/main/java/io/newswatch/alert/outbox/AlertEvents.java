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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

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
   * instead of planning them again for each round: PostgreSQL chose a custom plan for the relay's
   * read every time, and planning a join of four tables took as long as running it (0.9 ms a round
   * under load). Every statement of a round looks rows up by key, which is what the generic plans
   * do ({@code RelayPlanTest}).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void useGenericPlans() {
    entityManager
        .createNativeQuery("SET LOCAL plan_cache_mode = force_generic_plan")
        .executeUpdate();
  }

  /**
   * The events of the alerts after {@code position}, in stream order, at most {@code limit}. An
   * alert deleted meanwhile (with its subscription) has none. The stream entries are read first;
   * the events {@code remembered} gives (alerts this instance stored lately) are taken as they are,
   * the others read from the database ({@link #read}).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  List<Positioned> after(long position, int limit, Function<String, AlertEvent> remembered) {
    List<Entry> entries =
        ArraySql.query(
            entityManager,
            entriesQuery(limit),
            row -> new Entry(row.getLong(1), row.getString(2)),
            position);
    Map<String, AlertEvent> found = new HashMap<>();
    List<UUID> missing = new ArrayList<>();
    for (Entry entry : entries) {
      AlertEvent event = remembered.apply(entry.alertId());
      if (event != null) {
        found.put(entry.alertId(), event);
      } else {
        missing.add(UUID.fromString(entry.alertId()));
      }
    }
    if (!missing.isEmpty()) {
      found.putAll(read(missing));
    }
    List<Positioned> events = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      AlertEvent event = found.get(entry.alertId());
      if (event != null) {
        events.add(new Positioned(entry.position(), event));
      }
    }
    return events;
  }

  /** A stream entry. */
  private record Entry(long position, String alertId) {}

  /** The statement of the stream entries after a position (its one parameter), in order. */
  static String entriesQuery(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    return "SELECT position, CAST(alert_id AS text) FROM alert_stream WHERE position > ?"
        + " ORDER BY position LIMIT "
        + limit;
  }

  /**
   * The events of alerts read from the database, by alert id; an alert not there (deleted with its
   * subscription) has none. The tags are read once per item (an item has alerts of several
   * subscriptions).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  Map<String, AlertEvent> read(Collection<UUID> alertIds) {
    List<AlertEvent> untagged =
        ArraySql.query(
            entityManager, READ, AlertEvents::read, (Object) alertIds.toArray(UUID[]::new));
    Map<String, List<Tag>> tags = alerts.tags(untagged.stream().map(e -> e.item().id()).toList());
    Map<String, AlertEvent> events = new HashMap<>();
    for (AlertEvent e : untagged) {
      events.put(e.alertId(), withTags(e, tags.getOrDefault(e.item().id(), List.of())));
    }
    return events;
  }

  /** Alerts by key with what their events need; its one parameter is the array of ids. */
  static final String READ =
      """
      SELECT a.id, a.subscription_id, sub.name, u.username, a.item_id, a.feed_id,
             a.source_name, a.url, a.title, a.published_at, a.severity,
             CAST(a.matches AS text) AS matches, a.created_at
      FROM alert a
      JOIN subscription sub ON sub.id = a.subscription_id
      JOIN app_user u ON u.id = a.owner_id
      WHERE a.id = ANY (?)
      """;

  private static AlertEvent withTags(AlertEvent e, List<Tag> tags) {
    return new AlertEvent(
        e.schemaVersion(),
        e.alertId(),
        e.subscriptionId(),
        e.subscriptionName(),
        e.owner(),
        e.item(),
        e.severity(),
        e.matches(),
        tags,
        e.createdAt());
  }

  private static AlertEvent read(ResultSet row) throws SQLException {
    try {
      return new AlertEvent(
          EventSchema.VERSION,
          row.getString(1),
          row.getString(2),
          row.getString(3),
          row.getString(4),
          new ItemRef(
              row.getString(5),
              // every alert has its own item as a source; "unknown" only if that was lost
              row.getString(6) == null ? "unknown" : row.getString(6),
              row.getString(7),
              row.getString(8),
              row.getString(9),
              instant(row, 10)),
          Severity.valueOf(row.getString(11)),
          MATCHES.readValue(row.getString(12)),
          List.of(), // read per item, see read(Collection)
          instant(row, 13));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert " + row.getString(1) + " is unreadable", e);
    }
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    java.time.OffsetDateTime value = row.getObject(column, java.time.OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
