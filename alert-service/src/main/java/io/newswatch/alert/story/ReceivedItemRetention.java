package io.newswatch.alert.story;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Forgets received items past their retention, hourly. */
@ApplicationScoped
public class ReceivedItemRetention {

  private final StoryRepository stories;
  private final Clock clock;

  ReceivedItemRetention(StoryRepository stories, Clock clock) {
    this.stories = stories;
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
    int removed = stories.prune(Instant.now(clock));
    if (removed > 0) {
      Log.infof("forgot %d received items past their retention", removed);
    }
  }
}
