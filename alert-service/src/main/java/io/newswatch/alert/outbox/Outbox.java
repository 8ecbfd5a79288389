package io.newswatch.alert.outbox;

import io.newswatch.alert.db.ArraySql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: a message is written in the same transaction as what it announces (an
 * alert), so it exists exactly when that committed; {@link OutboxRelay} delivers it afterwards, at
 * least once, retrying with backoff.
 */
@ApplicationScoped
public class Outbox {

  private final EntityManager entityManager;
  private final Event<OutboxWritten> written;

  Outbox(EntityManager entityManager, Event<OutboxWritten> written) {
    this.entityManager = entityManager;
    this.written = written;
  }

  /**
   * A message to add.
   *
   * @param key the record key
   * @param payload the JSON payload
   * @param alertId the alert it announces
   */
  public record Message(String key, String payload, UUID alertId) {}

  /** Adds messages to one channel and destination in the caller's transaction, in one statement. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void addAll(String channel, String destination, List<Message> messages, Instant now) {
    if (messages.isEmpty()) {
      return;
    }
    String[] keys = messages.stream().map(Message::key).toArray(String[]::new);
    String[] payloads = messages.stream().map(Message::payload).toArray(String[]::new);
    String[] alerts = messages.stream().map(m -> m.alertId().toString()).toArray(String[]::new);
    ArraySql.update(
        entityManager,
        """
        INSERT INTO outbox (channel, destination, message_key, payload, alert_id, next_attempt_at,
                            created_at)
        SELECT ?, ?, m.message_key, CAST(m.payload AS jsonb), CAST(m.alert_id AS uuid), ?, ?
        FROM unnest(?, ?, ?) WITH ORDINALITY AS m(message_key, payload, alert_id, n)
        ORDER BY m.n
        """,
        channel,
        destination,
        now,
        now,
        keys,
        payloads,
        alerts);
    written.fire(new OutboxWritten());
  }

  /**
   * Claims due messages for this transaction: rows another instance is relaying are skipped, so
   * that each message is relayed by one instance at a time.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  List<OutboxMessage> claim(int limit, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT id, channel, destination, message_key, CAST(payload AS text), attempts
                FROM outbox WHERE status = 'pending' AND channel = 'kafka' AND next_attempt_at <= ?1
                ORDER BY next_attempt_at, id LIMIT ?2
                FOR UPDATE SKIP LOCKED
                """,
                Object[].class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new OutboxMessage(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    ((Number) r[5]).intValue()))
        .toList();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  void delivered(List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    entityManager
        .createNativeQuery(
            "UPDATE outbox SET status = 'done', done_at = ?1, attempts = attempts + 1,"
                + " last_error = NULL WHERE id IN (?2)")
        .setParameter(1, now)
        .setParameter(2, ids)
        .executeUpdate();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  void failed(long id, String error, Instant nextAttempt) {
    entityManager
        .createNativeQuery(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?1, next_attempt_at = ?2"
                + " WHERE id = ?3")
        .setParameter(1, error.length() > 1000 ? error.substring(0, 1000) : error)
        .setParameter(2, nextAttempt)
        .setParameter(3, id)
        .executeUpdate();
  }

  /** Deletes delivered messages older than the retention. */
  @Transactional
  int prune(Instant now, Duration retention) {
    return entityManager
        .createNativeQuery(
            "DELETE FROM outbox WHERE status NOT IN ('pending', 'held') AND done_at < ?1")
        .setParameter(1, now.minus(retention))
        .executeUpdate();
  }
}
