package io.newswatch.alert.story;

import io.newswatch.alert.alert.AlertRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets received items past their retention, and the tags of alerted items that have no alerts
 * any more (their subscriptions were deleted), hourly.
 */
@ApplicationScoped
public class ReceivedItemRetention {

  private final StoryRepository stories;
  private final AlertRepository alerts;
  private final Clock clock;

  ReceivedItemRetention(StoryRepository stories, AlertRepository alerts, Clock clock) {
    this.stories = stories;
    this.alerts = alerts;
    this.clock = clock;
  }

  @Scheduled(
      identity = "received-item-retention",
      every = "1h",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not once shutdown began: the database goes away with the application.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void prune() {
    Instant now = Instant.now(clock);
    int removed = stories.prune(now);
    if (removed > 0) {
      Log.infof("forgot %d received items past their retention", removed);
    }
    int unreferenced = alerts.forgetItemsWithoutAlerts(now.minus(Duration.ofHours(1)));
    if (unreferenced > 0) {
      Log.infof("forgot the tags of %d items whose alerts were deleted", unreferenced);
    }
  }
}
