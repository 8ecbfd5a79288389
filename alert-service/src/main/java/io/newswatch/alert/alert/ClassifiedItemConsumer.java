package io.newswatch.alert.alert;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes classified items at least once and stores their alerts.
 *
 * <p>Blocking, because it writes to PostgreSQL; the record is acknowledged, and its offset
 * committed, only after the alert transaction committed. A record that is not a classified item
 * goes to the dead-letter topic. A failing database is retried with backoff, holding the partition
 * rather than skipping the item.
 */
@ApplicationScoped
public class ClassifiedItemConsumer {

  /** Channel mapped to {@link io.newswatch.events.Topics#CLASSIFIED_ITEMS}. */
  public static final String CHANNEL = "classified-items";

  private static final int ATTEMPTS = 8;
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
        if (attempt == ATTEMPTS) {
          throw e;
        }
        Log.warnf(
            "storing alerts for item %s failed (attempt %d of %d), retrying in %d ms: %s",
            item.id(), attempt, ATTEMPTS, backoff.toMillis(), e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }
}
