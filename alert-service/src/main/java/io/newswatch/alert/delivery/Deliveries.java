package io.newswatch.alert.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.db.ArraySql;
import io.newswatch.alert.outbox.OutboxWritten;
import io.newswatch.alert.subscription.Subscription;
import io.newswatch.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The webhook and email rows of the outbox: one per (alert, channel), written in the alert's
 * transaction after the storm policy decided whether it goes out now or is held for a digest;
 * claimed with a lease by the {@link DeliveryWorker}s of every instance; folded into digests when
 * their hold ends.
 */
@ApplicationScoped
public class Deliveries {

  private static final ObjectMapper JSON = EventJson.mapper();

  private final EntityManager entityManager;
  private final DeliveryConfig config;
  private final Event<OutboxWritten> written;
  private final AuditLog audit;
  private final Clock clock;

  Deliveries(
      EntityManager entityManager,
      DeliveryConfig config,
      Event<OutboxWritten> written,
      AuditLog audit,
      Clock clock) {
    this.clock = clock;
    this.entityManager = entityManager;
    this.config = config;
    this.written = written;
    this.audit = audit;
  }

  /** A delivery claimed for an attempt. */
  public record Claimed(
      long id,
      String channel,
      String destination,
      UUID subscriptionId,
      String kind,
      String endpoint,
      String messageId,
      String payload,
      int attempts) {}

  /**
   * Records the deliveries of new alerts, in the caller's (the alerts') transaction: for each
   * enabled webhook and email channel of each alert's subscription, a row that is due now or held
   * until a digest goes out. The subscriptions are read in one query; the alerts are planned in the
   * order of their subscriptions, so that two transactions lock rate-limit windows alike.
   *
   * @param messages the messages of alerts whose subscriptions have channels (each names its
   *     subscription), in the order they were made; the alerts' insert tells which (a subscription
   *     without channels, most of them, delivers to the live stream only and needs no row)
   * @return how many rows were written
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int plan(List<AlertMessage> messages, Instant now) {
    if (messages.isEmpty()) {
      return 0;
    }
    Map<UUID, Subscription> subscriptions = new HashMap<>();
    entityManager
        .createQuery("FROM Subscription s WHERE s.id IN :ids", Subscription.class)
        .setParameter(
            "ids",
            messages.stream().map(m -> UUID.fromString(m.subscriptionId())).distinct().toList())
        .getResultList()
        .forEach(s -> subscriptions.put(s.id, s));
    List<AlertMessage> ordered = new ArrayList<>(messages);
    ordered.sort(Comparator.comparing(m -> UUID.fromString(m.subscriptionId())));
    int count = 0;
    for (AlertMessage message : ordered) {
      Subscription subscription = subscriptions.get(UUID.fromString(message.subscriptionId()));
      if (subscription != null) {
        count += plan(subscription, message, now);
      }
    }
    if (count > 0) {
      written.fire(new OutboxWritten());
    }
    return count;
  }

  private int plan(Subscription subscription, AlertMessage message, Instant now) {
    UUID subscriptionId = subscription.id;
    List<DeliveryChannel> channels = DeliveryChannel.read(subscription.channels);
    int count = 0;
    for (DeliveryChannel channel : channels) {
      if (channel.disabled() != null) {
        continue;
      }
      StormPolicy.Decision decision =
          StormPolicy.decide(
              window(subscriptionId, channel, now),
              now,
              message.severity(),
              rateLimit(subscription),
              quietHours(subscription));
      entityManager
          .createNativeQuery(
              """
              UPDATE delivery_window SET window_start = ?1, sent = ?2
              WHERE subscription_id = ?3 AND channel = ?4 AND destination = ?5
              """)
          .setParameter(1, decision.window().start())
          .setParameter(2, decision.window().sent())
          .setParameter(3, subscriptionId)
          .setParameter(4, channel.type())
          .setParameter(5, channel.destination())
          .executeUpdate();
      nativeQuery(
              """
              INSERT INTO outbox (channel, destination, message_key, payload, alert_id, status,
                                  next_attempt_at, created_at, subscription_id, kind, endpoint,
                                  message_id, release_at, held_reason)
              VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6, ?7, ?7, ?8, 'alert', ?9, ?10, ?11, ?12)
              ON CONFLICT DO NOTHING
              """)
          .setParameter(1, channel.type())
          .setParameter(2, channel.destination())
          .setParameter(3, message.alertId())
          .setParameter(4, write(message))
          .setParameter(5, UUID.fromString(message.alertId()))
          .setParameter(6, decision.send() ? "pending" : "held")
          .setParameter(7, now)
          .setParameter(8, subscriptionId)
          .setParameter(9, channel.endpoint())
          .setParameter(10, newMessageId())
          .setParameter(11, decision.holdUntil().orElse(null), Instant.class)
          .setParameter(12, decision.send() ? null : decision.reason().id())
          .executeUpdate();
      count++;
    }
    return count;
  }

  /** The channel's rate-limit window, locked until the caller's transaction ends. */
  private StormPolicy.Window window(UUID subscriptionId, DeliveryChannel channel, Instant now) {
    entityManager
        .createNativeQuery(
            """
            INSERT INTO delivery_window (subscription_id, channel, destination, window_start, sent)
            VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT DO NOTHING
            """)
        .setParameter(1, subscriptionId)
        .setParameter(2, channel.type())
        .setParameter(3, channel.destination())
        .setParameter(4, now)
        .executeUpdate();
    Object[] row =
        (Object[])
            entityManager
                .createNativeQuery(
                    """
                    SELECT window_start, sent FROM delivery_window
                    WHERE subscription_id = ?1 AND channel = ?2 AND destination = ?3
                    FOR UPDATE
                    """,
                    Object[].class)
                .setParameter(1, subscriptionId)
                .setParameter(2, channel.type())
                .setParameter(3, channel.destination())
                .getSingleResult();
    return new StormPolicy.Window(ArraySql.instant(row[0]), ((Number) row[1]).intValue());
  }

  StormPolicy.RateLimit rateLimit(Subscription subscription) {
    return subscription.rateLimitMessages == null
        ? new StormPolicy.RateLimit(config.rateLimitMessages(), config.rateLimitWindow())
        : new StormPolicy.RateLimit(
            subscription.rateLimitMessages,
            Duration.ofSeconds(subscription.rateLimitWindowSeconds));
  }

  static QuietHours quietHours(Subscription subscription) {
    return subscription.quietStart == null
        ? null
        : new QuietHours(
            subscription.quietStart, subscription.quietEnd, ZoneId.of(subscription.quietZone));
  }

  /**
   * Claims due deliveries for this instance until the lease ends, skipping rows another instance
   * holds and endpoints in {@code busy} (all their permits are in use here).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Claimed> claim(int limit, Collection<String> busy, String me, Instant now) {
    List<String> excluded = new ArrayList<>(busy);
    excluded.add(""); // NOT IN () is no SQL
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                UPDATE outbox o SET lease_until = ?1, leased_by = ?2
                WHERE o.id IN (
                    SELECT id FROM outbox
                    WHERE status = 'pending' AND channel IN ('webhook', 'email')
                      AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until < ?3)
                      AND endpoint NOT IN (?4)
                    ORDER BY next_attempt_at, id LIMIT ?5
                    FOR UPDATE SKIP LOCKED)
                RETURNING o.id, o.channel, o.destination, o.subscription_id, o.kind, o.endpoint,
                          o.message_id, CAST(o.payload AS text), o.attempts
                """,
                Object[].class)
            .setParameter(1, now.plus(config.lease()))
            .setParameter(2, me)
            .setParameter(3, now)
            .setParameter(4, excluded)
            .setParameter(5, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Claimed(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (UUID) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    ((Number) r[8]).intValue()))
        .toList();
  }

  /** Gives a claimed delivery back without an attempt (its endpoint is busy here). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void unlease(long id, String me) {
    entityManager
        .createNativeQuery(
            "UPDATE outbox SET lease_until = NULL, leased_by = NULL WHERE id = ?1 AND leased_by = ?2")
        .setParameter(1, id)
        .setParameter(2, me)
        .executeUpdate();
  }

  /** The channel of a claimed delivery as its subscription holds it now, if it still does. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<DeliveryChannel> channel(Claimed delivery) {
    Subscription subscription = entityManager.find(Subscription.class, delivery.subscriptionId());
    if (subscription == null) {
      return Optional.empty();
    }
    return DeliveryChannel.read(subscription.channels).stream()
        .filter(
            c ->
                c.type().equals(delivery.channel())
                    && c.destination().equals(delivery.destination()))
        .findFirst();
  }

  /**
   * Records an attempt's outcome, if this instance still holds the lease.
   *
   * @param status {@code done}, {@code pending} (retry at {@code nextAttempt}), {@code failed} or
   *     {@code cancelled}
   * @param httpStatus the receiver's answer, or null
   * @param error why it did not succeed, or null
   * @return false when the lease was lost meanwhile (another instance owns the delivery now)
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean record(
      long id,
      String me,
      String status,
      boolean attempted,
      Integer httpStatus,
      String error,
      Instant nextAttempt,
      Instant now) {
    return nativeQuery(
                """
                UPDATE outbox SET status = ?1, attempts = attempts + ?2, last_status = ?3,
                       last_error = ?4, next_attempt_at = COALESCE(CAST(?5 AS timestamptz), next_attempt_at),
                       last_attempt_at = CASE WHEN ?2 = 1 THEN CAST(?6 AS timestamptz)
                                              ELSE last_attempt_at END,
                       done_at = CASE WHEN ?1 = 'pending' THEN NULL
                                      ELSE CAST(?6 AS timestamptz) END,
                       lease_until = NULL, leased_by = NULL
                WHERE id = ?7 AND leased_by = ?8 AND status = 'pending'
                """)
            .setParameter(1, status)
            .setParameter(2, attempted ? 1 : 0)
            .setParameter(3, httpStatus, Integer.class)
            .setParameter(4, error == null ? null : cut(error), String.class)
            .setParameter(5, nextAttempt, Instant.class)
            .setParameter(6, now)
            .setParameter(7, id)
            .setParameter(8, me)
            .executeUpdate()
        == 1;
  }

  /**
   * Marks a channel of a subscription disabled (its receiver answered 410 Gone), cancels what was
   * still waiting for it, and records the change in the audit log as done by {@code newswatch}.
   *
   * @return false when the subscription is gone
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean disable(
      UUID subscriptionId, String type, String destination, String reason, Instant now) {
    Subscription subscription =
        entityManager.find(Subscription.class, subscriptionId, LockModeType.PESSIMISTIC_WRITE);
    if (subscription == null) {
      return false;
    }
    JsonNode before = subscription.channels;
    subscription.channels = DeliveryChannel.disable(before, type, destination, reason);
    subscription.updatedAt = now;
    entityManager
        .createNativeQuery(
            """
            UPDATE outbox SET status = 'cancelled', done_at = ?1, last_error = ?2,
                   lease_until = NULL, leased_by = NULL
            WHERE subscription_id = ?3 AND channel = ?4 AND destination = ?5
              AND status IN ('pending', 'held')
            """)
        .setParameter(1, now)
        .setParameter(2, cut("not sent: " + reason))
        .setParameter(3, subscriptionId)
        .setParameter(4, type)
        .setParameter(5, destination)
        .executeUpdate();
    audit.updated(
        "newswatch",
        "subscription",
        subscriptionId.toString(),
        Map.of("channels", DeliveryChannel.masked(before)),
        Map.of("channels", DeliveryChannel.masked(subscription.channels), "reason", reason));
    return true;
  }

  /** A held group whose hold ended: one subscription, channel, destination and reason. */
  public record HeldGroup(
      UUID subscriptionId, String channel, String destination, String endpoint, String reason) {}

  /** The groups of held deliveries whose hold ended by {@code now}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<HeldGroup> heldDue(Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT DISTINCT subscription_id, channel, destination, endpoint, held_reason
                FROM outbox WHERE status = 'held' AND release_at <= ?1
                """,
                Object[].class)
            .setParameter(1, now)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new HeldGroup(
                    (UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
        .toList();
  }

  /**
   * Folds the held deliveries of a group whose hold ended by {@code until} into one digest, due at
   * once. Rows another instance is folding are skipped, so every held alert goes into exactly one
   * digest.
   *
   * @return how many alerts the digest holds; 0 when there was nothing left to fold
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int fold(HeldGroup group, Instant until) {
    Instant now = Instant.now(clock);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT id, CAST(payload AS text), created_at FROM outbox
                WHERE status = 'held' AND subscription_id = ?1 AND channel = ?2
                  AND destination = ?3 AND held_reason = ?4 AND release_at <= ?5
                ORDER BY id FOR UPDATE SKIP LOCKED
                """,
                Object[].class)
            .setParameter(1, group.subscriptionId())
            .setParameter(2, group.channel())
            .setParameter(3, group.destination())
            .setParameter(4, group.reason())
            .setParameter(5, until)
            .getResultList();
    if (rows.isEmpty()) {
      return 0;
    }
    Subscription subscription = entityManager.find(Subscription.class, group.subscriptionId());
    List<AlertMessage> alerts = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (Object[] row : rows) {
      ids.add(((Number) row[0]).longValue());
      alerts.add(read((String) row[1], AlertMessage.class));
    }
    QuietHours quiet = subscription == null ? null : quietHours(subscription);
    DigestMessage digest =
        new DigestMessage(
            group.subscriptionId().toString(),
            subscription == null ? alerts.get(0).subscriptionName() : subscription.name,
            StormPolicy.HoldReason.of(group.reason()),
            subscription == null ? config.rateLimitWindow() : rateLimit(subscription).window(),
            quiet == null ? null : quiet.toString(),
            ArraySql.instant(rows.get(0)[2]),
            now,
            alerts);
    Number digestId =
        (Number)
            entityManager
                .createNativeQuery(
                    """
                    INSERT INTO outbox (channel, destination, payload, status, next_attempt_at,
                                        created_at, subscription_id, kind, endpoint, message_id)
                    VALUES (?1, ?2, CAST(?3 AS jsonb), 'pending', ?4, ?4, ?5, 'digest', ?6, ?7)
                    RETURNING id
                    """)
                .setParameter(1, group.channel())
                .setParameter(2, group.destination())
                .setParameter(3, write(digest))
                .setParameter(4, now)
                .setParameter(5, group.subscriptionId())
                .setParameter(6, group.endpoint())
                .setParameter(7, newMessageId())
                .getSingleResult();
    entityManager
        .createNativeQuery(
            "UPDATE outbox SET status = 'folded', digest_id = ?1, done_at = ?2 WHERE id IN (?3)")
        .setParameter(1, digestId.longValue())
        .setParameter(2, now)
        .setParameter(3, ids)
        .executeUpdate();
    written.fire(new OutboxWritten());
    return ids.size();
  }

  /** The webhook and email deliveries of an alert, for {@code GET /alerts/{id}}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<DeliveryView> ofAlert(UUID alertId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT o.channel, o.destination, o.status, o.attempts, o.last_attempt_at,
                       o.last_status, o.last_error, o.next_attempt_at, o.release_at,
                       o.held_reason, o.message_id, o.done_at,
                       d.id, d.status, d.attempts, d.last_attempt_at, d.last_status,
                       d.last_error, d.next_attempt_at, d.message_id, d.done_at
                FROM outbox o LEFT JOIN outbox d ON d.id = o.digest_id
                WHERE o.alert_id = ?1 AND o.kind = 'alert'
                ORDER BY o.id
                """,
                Object[].class)
            .setParameter(1, alertId)
            .getResultList();
    List<DeliveryView> views = new ArrayList<>();
    for (Object[] r : rows) {
      DeliveryView.Attempts own =
          new DeliveryView.Attempts(
              (String) r[2],
              ((Number) r[3]).intValue(),
              ArraySql.instant(r[4]),
              r[5] == null ? null : ((Number) r[5]).intValue(),
              (String) r[6],
              ArraySql.instant(r[7]),
              (String) r[10],
              ArraySql.instant(r[11]));
      DeliveryView.Attempts digest =
          r[12] == null
              ? null
              : new DeliveryView.Attempts(
                  (String) r[13],
                  ((Number) r[14]).intValue(),
                  ArraySql.instant(r[15]),
                  r[16] == null ? null : ((Number) r[16]).intValue(),
                  (String) r[17],
                  ArraySql.instant(r[18]),
                  (String) r[19],
                  ArraySql.instant(r[20]));
      views.add(
          DeliveryView.of(
              (String) r[0], (String) r[1], own, ArraySql.instant(r[8]), (String) r[9], digest));
    }
    return views;
  }

  /** Deliveries waiting to be attempted (due or not), held ones excluded; for the gauge. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long pending() {
    return ((Number)
            entityManager
                .createNativeQuery(
                    "SELECT count(*) FROM outbox WHERE status = 'pending'"
                        + " AND channel IN ('webhook', 'email')")
                .getSingleResult())
        .longValue();
  }

  /** Hibernate's native query, which binds a null with its type. */
  @SuppressWarnings("unchecked")
  private NativeQuery<Object> nativeQuery(String sql) {
    return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
  }

  private static String newMessageId() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String cut(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
