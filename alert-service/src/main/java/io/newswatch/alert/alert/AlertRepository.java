package io.newswatch.alert.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newswatch.alert.db.ArraySql;
import io.newswatch.alert.db.TimeOrderedIds;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Tag;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alerts and their sources in PostgreSQL. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

  // Made once: EventJson.mapper() is a fresh copy, whose deserializers would be built again.
  private static final ObjectReader TAGS =
      EventJson.mapper().readerFor(new TypeReference<List<Tag>>() {});

  /**
   * An alert to store: a subscription matched an item of a story.
   *
   * @param storyId the item's story
   * @param prepared the item, with its tags as JSON
   * @param match the subscription and what matched, with the evidence as JSON
   */
  record Candidate(UUID storyId, PreparedItem prepared, PreparedItem.Matched match) {

    UUID subscriptionId() {
      return match.subscriptionId();
    }

    ClassifiedItem item() {
      return prepared.item();
    }

    List<MatchedTerm> matches() {
      return match.terms();
    }
  }

  /**
   * A stored alert with what its event needs.
   *
   * @param id the alert
   * @param candidate what it was stored for
   * @param subscriptionName the subscription's name
   * @param ownerId the subscription's owner
   * @param owner user name of the subscription's owner
   * @param delivers whether the subscription has channels (webhook, email) besides the live stream
   */
  record Created(
      UUID id,
      Candidate candidate,
      String subscriptionName,
      UUID ownerId,
      String owner,
      boolean delivers) {}

  /** What the insert returns of an alert it stored (see {@link Created}). */
  private record Inserted(String subscriptionName, UUID ownerId, String owner, boolean delivers) {}

  /**
   * Stores the alerts of subscriptions for stories unless they exist, in one statement: the unique
   * key on (subscription, story) makes redelivery, restarts and copies from other feeds harmless. A
   * subscription deleted or disabled meanwhile gets none. Of two candidates for one subscription
   * and story, the first is stored. The tags of the alerts' items are stored once per item.
   *
   * @return the alerts stored, in the candidates' order
   */
  List<Created> insertIfAbsent(List<Candidate> candidates, Instant createdAt) {
    Map<List<UUID>, Candidate> unique = new LinkedHashMap<>();
    candidates.forEach(c -> unique.putIfAbsent(List.of(c.subscriptionId(), c.storyId()), c));
    if (unique.isEmpty()) {
      return List.of();
    }
    int size = unique.size();
    String[][] columns = new String[11][size];
    List<UUID> ids = new ArrayList<>(size);
    Map<String, String> tags = new LinkedHashMap<>(); // item id -> its tags as JSON
    int n = 0;
    for (Candidate c : unique.values()) {
      UUID id = TimeOrderedIds.system().get();
      ids.add(id);
      columns[0][n] = id.toString();
      columns[1][n] = c.subscriptionId().toString();
      columns[2][n] = c.storyId().toString();
      columns[3][n] = c.item().id();
      columns[4][n] = c.item().item().title();
      columns[5][n] = c.item().item().url();
      columns[6][n] = c.item().item().sourceName();
      Instant publishedAt = storedTime(c.item().item().publishedAt());
      columns[7][n] = publishedAt == null ? null : publishedAt.toString();
      columns[8][n] = c.item().severity().name();
      columns[9][n] = c.match().termsJson();
      columns[10][n] = c.item().item().feedId();
      tags.putIfAbsent(c.item().id(), c.prepared().tags());
      n++;
    }
    Map<UUID, Inserted> stored = new HashMap<>();
    ArraySql.query(
        getEntityManager(),
        """
            WITH m AS (
              SELECT * FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                AS m(id, subscription_id, story_id, item_id, title, url, source_name,
                     published_at, severity, matches, feed_id)),
            inserted AS (
              INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id, feed_id, title,
                                 url, source_name, published_at, severity, matches, status,
                                 created_at)
              SELECT CAST(m.id AS uuid), s.id, s.owner_id, CAST(m.story_id AS uuid), m.item_id,
                     m.feed_id, m.title, m.url, m.source_name,
                     CAST(m.published_at AS timestamptz), m.severity, CAST(m.matches AS jsonb),
                     'NEW', ?
              FROM m JOIN subscription s ON s.id = CAST(m.subscription_id AS uuid) AND s.enabled
              ON CONFLICT DO NOTHING
              RETURNING id, subscription_id, owner_id, item_id),
            items AS (
              INSERT INTO alert_item (item_id, tags, created_at)
              SELECT t.item_id, t.tags, ?
              FROM unnest(?, ?) AS t(item_id, tags)
              WHERE t.item_id IN (SELECT item_id FROM inserted)
              -- renewed, not skipped: a pruning that read the row as unreferenced then leaves it
              ON CONFLICT (item_id) DO UPDATE SET created_at = EXCLUDED.created_at)
            SELECT i.id, s.name, i.owner_id, u.username, jsonb_array_length(s.channels) > 0
            FROM inserted i JOIN subscription s ON s.id = i.subscription_id
            JOIN app_user u ON u.id = i.owner_id
            """,
        row ->
            stored.put(
                row.getObject(1, UUID.class),
                new Inserted(
                    row.getString(2),
                    row.getObject(3, UUID.class),
                    row.getString(4),
                    row.getBoolean(5))),
        columns[0],
        columns[1],
        columns[2],
        columns[3],
        columns[4],
        columns[5],
        columns[6],
        columns[7],
        columns[8],
        columns[9],
        columns[10],
        createdAt,
        createdAt,
        tags.keySet().toArray(String[]::new),
        tags.values().toArray(String[]::new));
    List<Created> created = new ArrayList<>(stored.size());
    int i = 0;
    for (Candidate c : unique.values()) {
      Inserted row = stored.get(ids.get(i));
      if (row != null) {
        created.add(
            new Created(
                ids.get(i), c, row.subscriptionName(), row.ownerId(), row.owner(), row.delivers()));
      }
      i++;
    }
    return created;
  }

  /**
   * A time as an alert keeps it: in microseconds, cut rather than left to PostgreSQL to round, so
   * that an event made from the alert in memory is the event read back from its row. Null stays
   * null.
   */
  static Instant storedTime(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The tags of alerted items, by item id; an item not there (forgotten, see {@link
   * #forgetItemsWithoutAlerts}) has none.
   */
  public Map<String, List<Tag>> tags(Collection<String> itemIds) {
    Map<String, List<Tag>> tags = new HashMap<>();
    if (itemIds.isEmpty()) {
      return tags;
    }
    ArraySql.query(
        getEntityManager(),
        "SELECT item_id, tags FROM alert_item WHERE item_id = ANY (?)",
        row -> tags.put(row.getString(1), readTags(row.getString(2))),
        (Object) itemIds.stream().distinct().toArray(String[]::new));
    return tags;
  }

  /** Reads a tags column. */
  private static List<Tag> readTags(String json) {
    try {
      return TAGS.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored tags are unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Forgets the tags of items last alerted before {@code before} that no alert refers to any more
   * (their alerts went with their subscriptions). Returns how many. An alert stored meanwhile for
   * such an item renews its row, which this then leaves.
   */
  @Transactional
  public int forgetItemsWithoutAlerts(Instant before) {
    return getEntityManager()
        .createNativeQuery(
            """
            DELETE FROM alert_item i
            WHERE i.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.item_id = i.item_id)
            """)
        .setParameter(1, before)
        .executeUpdate();
  }

  /**
   * Makes every item received of the stories a source of every alert of them: the copies just
   * received, and, for alerts just created, the copies that came before them (from another
   * partition, or before the subscription matched). An alert's own item is its first source already
   * (in its row, see {@link #sources}). Returns how many sources were added.
   */
  int attachSources(Collection<UUID> storyIds, Instant addedAt) {
    if (storyIds.isEmpty()) {
      return 0;
    }
    return ArraySql.update(
        getEntityManager(),
        """
        INSERT INTO alert_source (alert_id, item_id, feed_id, source_name, url, title,
                                  published_at, added_at)
        SELECT a.id, r.item_id, r.feed_id, r.source_name, r.url, r.title, r.published_at, ?
        FROM alert a JOIN received_item r ON r.story_id = a.story_id AND r.item_id <> a.item_id
        WHERE a.story_id = ANY (?)
        ON CONFLICT DO NOTHING
        """,
        addedAt,
        storyIds.toArray(UUID[]::new));
  }

  /**
   * The sources of some alerts, oldest first: an alert's own item, added when the alert was made,
   * then the other copies of its story.
   */
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
                SELECT id, item_id, feed_id, COALESCE(source_name, ''), url, title, published_at,
                       created_at AS added_at
                FROM alert WHERE id IN (?1)
                UNION ALL
                SELECT alert_id, item_id, feed_id, source_name, url, title, published_at, added_at
                FROM alert_source WHERE alert_id IN (?1)
                ORDER BY added_at, item_id
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
                  ArraySql.instant(row[6]),
                  ArraySql.instant(row[7])));
    }
    return sources;
  }
}
