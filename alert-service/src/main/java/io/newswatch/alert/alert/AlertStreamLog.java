package io.newswatch.alert.alert;

import io.newswatch.alert.db.ArraySql;
import io.newswatch.alert.db.CommitOrder;
import io.newswatch.events.AlertEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Every alert in commit order, numbered: the positions the live stream sends as event ids and
 * resumes from ({@code Last-Event-ID}), on whichever instance a console reconnects to. Positions
 * are taken at the end of the alert's transaction under one advisory lock ({@link CommitOrder})
 * held until the commit, so a reader who sees position n has also seen every position before it:
 * nothing is skipped. The live stream ({@link AlertStreams}) and the Kafka event relay ({@link
 * io.newswatch.alert.outbox.AlertEventRelay}) both follow it from a position.
 */
@ApplicationScoped
public class AlertStreamLog {

  private final EntityManager entityManager;
  private final Event<AlertsAppended> appended;

  AlertStreamLog(EntityManager entityManager, Event<AlertsAppended> appended) {
    this.entityManager = entityManager;
    this.appended = appended;
  }

  /**
   * A new alert to append.
   *
   * @param event the alert's event
   * @param ownerId the id of the alert's owner, whose stream it goes to
   */
  public record Appending(AlertEvent event, UUID ownerId) {}

  /**
   * Appends new alerts, stored in the caller's transaction, in the order given; call it last, just
   * before the commit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(List<Appending> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    CommitOrder.lock(entityManager);
    // unnest gives the rows in the arrays' order, and each takes the next position in turn
    ArraySql.update(
        entityManager,
        """
        INSERT INTO alert_stream (position, alert_id, owner_id)
        SELECT nextval('alert_stream_position'), a.alert_id, a.owner_id
        FROM unnest(?, ?) AS a(alert_id, owner_id)
        """,
        alerts.stream().map(a -> UUID.fromString(a.event().alertId())).toArray(UUID[]::new),
        alerts.stream().map(Appending::ownerId).toArray(UUID[]::new));
    appended.fire(new AlertsAppended(alerts.stream().map(Appending::event).toList()));
  }

  /** The last position written, 0 when none. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long head() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT COALESCE(max(position), 0) FROM alert_stream")
                .getSingleResult())
        .longValue();
  }

  /** One entry: an alert at a position. */
  public record Entry(long position, UUID alertId) {}

  /** The owner's alerts after {@code position}, oldest first. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Entry> after(UUID owner, long position, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT position, alert_id FROM alert_stream
                WHERE owner_id = ?1 AND position > ?2 ORDER BY position LIMIT ?3
                """,
                Object[].class)
            .setParameter(1, owner)
            .setParameter(2, position)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), (UUID) r[1])).toList();
  }
}
