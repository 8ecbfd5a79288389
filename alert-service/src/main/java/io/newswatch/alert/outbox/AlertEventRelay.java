package io.newswatch.alert.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.WakeUp;
import io.newswatch.alert.alert.AlertsAppended;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes an event for every alert to {@value Topics#ALERTS} (key = alert id), in the order of
 * the alert stream: right after a transaction that stored alerts committed, and every second for
 * alerts stored by other (or crashed) instances and for retries. Each round locks the stream
 * cursor, reads the stream's entries after it, takes their events (those of alerts this instance
 * stored as it made them, the others read from the database), publishes them, waits for Kafka's
 * acknowledgement and moves the cursor, all in one transaction; a crash or a Kafka failure before
 * that commit only means publishing again, which is why the topic is at least once and keyed by
 * alert id. While Kafka fails, rounds back off exponentially up to one minute; the alerts wait, in
 * order.
 */
@ApplicationScoped
public class AlertEventRelay {

  /** The cursor's name in {@code stream_cursor}. */
  static final String CURSOR = "kafka-alerts";

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * Events of alerts stored here kept for publishing without reading them back: seconds of alerts
   * at full load, some 20 MB at most (reached with several instances, whose relays publish each
   * other's alerts); beyond, the relay reads them from the database.
   */
  static final int REMEMBERED = 20_000;

  private final AlertEvents events;
  private final KafkaChannel kafka;
  private final Outbox outbox;
  private final AlertConfig config;
  private final Clock clock;
  private final Counter published;
  private final Counter failures;
  private final AtomicLong behind = new AtomicLong();
  private final RecentAlertEvents recent = new RecentAlertEvents(REMEMBERED);
  private final Counter fromMemory;
  private final Counter fromDatabase;
  private final ExecutorService wakeUps =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "alert-event-relay"));
  private final WakeUp wakeUp = new WakeUp(wakeUps, this::relayQuietly);
  private int failed; // guarded by this
  private Instant retryAt = Instant.EPOCH; // guarded by this
  private Instant lastPrune = Instant.EPOCH;

  AlertEventRelay(
      AlertEvents events,
      KafkaChannel kafka,
      Outbox outbox,
      AlertConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.events = events;
    this.kafka = kafka;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
    this.published =
        Counter.builder("newswatch.alert.events.published")
            .description("Alert events published to " + Topics.ALERTS)
            .register(registry);
    this.fromMemory = read(registry, "memory");
    this.fromDatabase = read(registry, "database");
    this.failures =
        Counter.builder("newswatch.alert.events.publish.failures")
            .description("Rounds of alert events Kafka did not acknowledge (retried)")
            .register(registry);
    Gauge.builder("newswatch.alert.events.behind", behind, AtomicLong::get)
        .description("Alerts stored but not yet published to " + Topics.ALERTS)
        .strongReference(true)
        .register(registry);
  }

  private static Counter read(MeterRegistry registry, String from) {
    return Counter.builder("newswatch.alert.events.read")
        .description(
            "Alert events the relay took from the alerts this instance stored (memory) or read"
                + " back from the database")
        .tag("from", from)
        .register(registry);
  }

  void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertsAppended event) {
    recent.remember(event.events());
    // once shutting down, the next owner of the cursor publishes them
    wakeUp.request();
  }

  @Scheduled(
      identity = "alert-event-relay",
      every = "${newswatch.alert.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not once shutdown began: the database goes away with the application.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    relayQuietly();
    try {
      behind.set(events.behind(CURSOR));
    } catch (RuntimeException e) {
      Log.warnf("reading how far alert events are published failed: %s", e.getMessage());
    }
    Instant now = Instant.now(clock);
    if (Duration.between(lastPrune, now).toMinutes() >= 60) {
      lastPrune = now;
      try {
        int pruned = outbox.prune(now, config.outbox().retention());
        Log.debugf("%d finished deliveries pruned from the outbox", pruned);
      } catch (RuntimeException e) {
        Log.warnf("pruning finished deliveries from the outbox failed: %s", e.getMessage());
      }
    }
  }

  private void relayQuietly() {
    try {
      relay();
    } catch (RuntimeException e) {
      // relay() logged it
    }
  }

  /**
   * Publishes the events of every alert stored so far, in rounds of {@code batch-size}, unless a
   * failure asked to wait; returns how many were published.
   */
  public synchronized int relay() {
    Instant now = Instant.now(clock);
    if (now.isBefore(retryAt)) {
      return 0;
    }
    int total = 0;
    try {
      int round;
      do {
        round = QuarkusTransaction.requiringNew().call(this::round);
        total += round;
      } while (round == config.outbox().batchSize());
    } catch (RuntimeException e) {
      failed++;
      failures.increment();
      Duration backoff = backoff(failed);
      retryAt = now.plus(backoff);
      Log.warnf(
          "publishing alert events to %s failed (attempt %d), next attempt in %d s: %s",
          Topics.ALERTS, failed, backoff.toSeconds(), KafkaChannel.describe(e));
      throw e;
    }
    if (failed > 0) {
      Log.infof("alert events published again after %d failed attempts", failed);
      failed = 0;
      retryAt = Instant.EPOCH;
    }
    return total;
  }

  /** One round in the caller's new transaction: returns how many events it published. */
  private int round() {
    events.useGenericPlans();
    long position = events.lock(CURSOR);
    List<AlertEvents.Positioned> batch =
        events.after(position, config.outbox().batchSize(), this::remembered);
    if (batch.isEmpty()) {
      return 0;
    }
    // written together: the alerts of one item share its tags, which are then written once
    List<byte[]> values =
        EventJson.writeAll(batch.stream().map(AlertEvents.Positioned::event).toList());
    List<KafkaChannel.Keyed> records = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      records.add(new KafkaChannel.Keyed(batch.get(i).event().alertId(), values.get(i)));
    }
    kafka.publish(Topics.ALERTS, records);
    events.advance(CURSOR, batch.get(batch.size() - 1).position(), Instant.now(clock));
    published.increment(batch.size());
    return batch.size();
  }

  /** An event this instance stored lately; counted by where the relay found it. */
  private AlertEvent remembered(String alertId) {
    AlertEvent event = recent.take(alertId);
    (event != null ? fromMemory : fromDatabase).increment();
    return event;
  }

  static Duration backoff(int failures) {
    Duration backoff = Duration.ofSeconds(1L << Math.min(failures - 1, 16));
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  @PreDestroy
  void stop() {
    wakeUps.shutdownNow();
  }
}
