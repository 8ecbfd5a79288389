package io.newswatch.alert.alert;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes classified items at least once and stores their alerts.
 *
 * <p>Blocking, because it writes to PostgreSQL; the record is acknowledged, and its offset
 * committed, only after the alert transaction committed, so a crash replays it and the unique keys
 * make the replay harmless. A record that is not a classified item goes to the dead-letter topic. A
 * database that is away (connection lost, deadlock, shutting down) is waited for with backoff,
 * holding the partition rather than skipping the item; any other failure is retried a few times,
 * then the record goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ClassifiedItemConsumer {

  /** Channel mapped to {@link io.newswatch.events.Topics#CLASSIFIED_ITEMS}. */
  public static final String CHANNEL = "classified-items";

  private static final int ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final AlertService alerts;

  ClassifiedItemConsumer(AlertService alerts) {
    this.alerts = alerts;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(byte[] payload) throws InterruptedException {
    ClassifiedItem item = EventJson.read(payload, ClassifiedItem.class);
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        alerts.process(item);
        return;
      } catch (RuntimeException e) {
        boolean transientFailure = isTransient(e);
        if (!transientFailure && attempt >= ATTEMPTS) {
          throw e;
        }
        Log.warnf(
            "storing alerts for item %s failed (attempt %d%s), retrying in %d ms: %s",
            item.id(),
            attempt,
            transientFailure ? ", database unavailable" : " of " + ATTEMPTS,
            backoff.toMillis(),
            e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * True for failures that go away by themselves: a lost or refused connection (SQL state class
   * 08), a deadlock or serialization failure (40), insufficient resources (53), an operator
   * intervention such as a restart (57), or no connection from the pool in time.
   */
  static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state == null
            || state.startsWith("08")
            || state.startsWith("40")
            || state.startsWith("53")
            || state.startsWith("57")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
