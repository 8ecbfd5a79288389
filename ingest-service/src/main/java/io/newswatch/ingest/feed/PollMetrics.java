package io.newswatch.ingest.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of polling: fetches by outcome, the share of 304 answers, items published,
 * fetch latency, feeds in backoff and disabled feeds.
 */
@ApplicationScoped
public class PollMetrics {

  private final MeterRegistry registry;
  private final FeedRepository feeds;
  private final Map<String, Counter> fetches = new ConcurrentHashMap<>();
  private final Counter published;
  private final Timer latency;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong inBackoff = new AtomicLong();
  private final AtomicLong disabled = new AtomicLong();

  // Gauges hold their state strongly: Micrometer's default weak reference lets a gauge vanish when
  // the JVM-wide composite registry outlives an application instance (as in tests that restart it).
  PollMetrics(MeterRegistry registry, FeedRepository feeds) {
    this.registry = registry;
    this.feeds = feeds;
    this.published =
        Counter.builder("newswatch.ingest.items.published")
            .description("Items published to Kafka and acknowledged")
            .register(registry);
    this.latency =
        Timer.builder("newswatch.ingest.fetch.duration")
            .description("Time to fetch a feed, redirects and body included")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    Gauge.builder(
            "newswatch.ingest.fetches.not.modified.ratio", this, PollMetrics::notModifiedRatio)
        .description("Share of HTTP answers that were 304 Not Modified, since start")
        .strongReference(true)
        .register(registry);
    Gauge.builder("newswatch.ingest.feeds.backoff", inBackoff, AtomicLong::get)
        .description("Enabled feeds whose last poll failed, waiting longer than their interval")
        .strongReference(true)
        .register(registry);
    Gauge.builder("newswatch.ingest.feeds.disabled", disabled, AtomicLong::get)
        .description("Feeds paused by an admin or disabled by their server (HTTP 410)")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Counts one fetch.
   *
   * @param outcome {@code ok}, {@code not_modified}, {@code http_error}, {@code gone}, {@code
   *     throttled}, {@code unreadable}, {@code publish_failed}, or a fetch failure reason
   * @param status the HTTP status, or null when no answer came
   */
  void fetched(String outcome, Integer status, Duration duration) {
    fetches
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("newswatch.ingest.fetches")
                    .description("Feed fetches by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
    if (status != null) {
      answered.incrementAndGet();
      if (status == 304) {
        notModified.incrementAndGet();
      }
    }
    latency.record(duration);
  }

  void published(int items) {
    published.increment(items);
  }

  private double notModifiedRatio() {
    long total = answered.get();
    return total == 0 ? 0 : (double) notModified.get() / total;
  }

  /** Counting feeds on every scrape would load the database; every 15 s is fresh enough. */
  @Scheduled(
      every = "15s",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void countFeeds() {
    inBackoff.set(feeds.countInBackoff());
    disabled.set(feeds.countDisabled());
  }
}
