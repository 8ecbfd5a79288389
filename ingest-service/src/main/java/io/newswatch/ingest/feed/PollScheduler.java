package io.newswatch.ingest.feed;

import io.newswatch.ingest.IngestConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls due feeds by itself: every second it claims as many due feeds as it has free workers, and
 * keeps claiming while feeds are due and workers come free. Each poll runs on a worker of its own,
 * so a slow feed holds up only itself.
 */
@ApplicationScoped
public class PollScheduler {

  private final FeedLeases leases;
  private final FeedPoller poller;
  private final IngestConfig config;
  private final Semaphore slots;
  private final ExecutorService workers;
  private volatile boolean stopping;

  PollScheduler(FeedLeases leases, FeedPoller poller, IngestConfig config) {
    this.leases = leases;
    this.poller = poller;
    this.config = config;
    this.slots = new Semaphore(config.pollConcurrency());
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            config.pollConcurrency(),
            task -> {
              Thread thread = new Thread(task, "feed-poll-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void dispatch() throws InterruptedException {
    if (!config.schedulerEnabled()) {
      return;
    }
    while (!stopping) {
      if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
        return; // every worker busy for a second: look again on the next tick
      }
      int wanted = 1 + slots.drainPermits();
      List<Long> claimed;
      try {
        claimed = leases.claimDue(wanted);
      } catch (RuntimeException e) {
        slots.release(wanted);
        Log.warnf("cannot claim due feeds: %s", e.getMessage());
        return;
      }
      slots.release(wanted - claimed.size());
      for (Long id : claimed) {
        workers.execute(() -> pollAndFreeSlot(id));
      }
      if (claimed.size() < wanted) {
        return; // nothing more is due
      }
    }
  }

  private void pollAndFreeSlot(long id) {
    try {
      poller.pollLeased(id);
    } catch (RuntimeException e) {
      // Logged and recorded by the poller; the worker lives on for the next feed.
    } finally {
      slots.release();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true;
    workers.shutdown();
    try {
      if (!workers.awaitTermination(config.requestTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      int released = leases.releaseAll();
      if (released > 0) {
        Log.infof("released %d feed leases on shutdown", released);
      }
    } catch (RuntimeException e) {
      Log.warnf("could not release feed leases on shutdown; they expire by themselves");
    }
  }
}
