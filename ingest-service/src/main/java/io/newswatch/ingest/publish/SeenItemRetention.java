package io.newswatch.ingest.publish;

import io.newswatch.ingest.IngestConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Forgets the ids of items that left their feed longer ago than the retention window. */
@ApplicationScoped
public class SeenItemRetention {

  private final SeenItems seenItems;
  private final IngestConfig config;
  private final Clock clock;

  SeenItemRetention(SeenItems seenItems, IngestConfig config, Clock clock) {
    this.seenItems = seenItems;
    this.config = config;
    this.clock = clock;
  }

  /** Hourly; several instances doing it at once is harmless. */
  @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purge() {
    int forgotten = seenItems.forgetSeenBefore(Instant.now(clock).minus(config.seenRetention()));
    if (forgotten > 0) {
      Log.infof(
          "forgot %d item ids not seen in their feeds for %s", forgotten, config.seenRetention());
    }
  }
}
