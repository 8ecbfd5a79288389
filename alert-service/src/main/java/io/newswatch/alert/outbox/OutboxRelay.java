package io.newswatch.alert.outbox;

import io.newswatch.alert.AlertConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays the outbox's Kafka messages (alert events; webhooks and email are the {@link
 * io.newswatch.alert.delivery.DeliveryWorker}'s): right after a transaction that wrote some
 * committed, and every second for retries and for messages another (crashed) instance left behind.
 * Each round claims a batch with {@code FOR UPDATE SKIP LOCKED}, hands it to the channels, and
 * marks each message delivered or schedules its retry (exponential backoff up to five minutes), all
 * in one transaction: a crash before that commit only means delivering again, which is why the
 * alerts topic is at least once and keyed by alert id.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final Outbox outbox;
  private final Map<String, OutboxChannel> channels = new HashMap<>();
  private final AlertConfig config;
  private final Clock clock;
  private final ExecutorService wakeUps =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private Instant lastPrune = Instant.EPOCH;

  OutboxRelay(Outbox outbox, Instance<OutboxChannel> channels, AlertConfig config, Clock clock) {
    this.outbox = outbox;
    channels.forEach(channel -> this.channels.put(channel.name(), channel));
    this.config = config;
    this.clock = clock;
  }

  void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
    if (wakeUpPending.compareAndSet(false, true)) {
      wakeUps.execute(
          () -> {
            wakeUpPending.set(false);
            relayQuietly();
          });
    }
  }

  @Scheduled(
      identity = "outbox-relay",
      every = "${newswatch.alert.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not once shutdown began: the database goes away with the application.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    relayQuietly();
    Instant now = Instant.now(clock);
    if (Duration.between(lastPrune, now).toMinutes() >= 60) {
      lastPrune = now;
      outbox.prune(now, config.outbox().retention());
    }
  }

  private void relayQuietly() {
    try {
      relay();
    } catch (RuntimeException e) {
      Log.warnf("relaying the outbox failed, retrying: %s", e.getMessage());
    }
  }

  /** Relays due messages until none is left; returns how many were delivered. */
  public synchronized int relay() {
    int delivered = 0;
    while (true) {
      int[] round = QuarkusTransaction.requiringNew().call(this::round);
      delivered += round[0];
      if (round[1] < config.outbox().batchSize()) {
        return delivered;
      }
    }
  }

  /** One batch: {delivered, claimed}. */
  private int[] round() {
    Instant now = Instant.now(clock);
    List<OutboxMessage> batch = outbox.claim(config.outbox().batchSize(), now);
    Map<String, List<OutboxMessage>> byChannel = new LinkedHashMap<>();
    batch.forEach(m -> byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(m));
    List<Long> done = new ArrayList<>();
    for (Map.Entry<String, List<OutboxMessage>> group : byChannel.entrySet()) {
      OutboxChannel channel = channels.get(group.getKey());
      Map<Long, String> failures = new HashMap<>();
      if (channel == null) {
        group.getValue().forEach(m -> failures.put(m.id(), "no channel " + group.getKey()));
      } else {
        try {
          failures.putAll(channel.deliver(group.getValue()));
        } catch (RuntimeException e) {
          group.getValue().forEach(m -> failures.put(m.id(), String.valueOf(e.getMessage())));
        }
      }
      for (OutboxMessage message : group.getValue()) {
        String error = failures.get(message.id());
        if (error == null) {
          done.add(message.id());
        } else {
          Duration backoff = backoff(message.attempts());
          Log.warnf(
              "outbox message %d (%s to %s) failed, attempt %d, next in %d s: %s",
              message.id(),
              message.channel(),
              message.destination(),
              message.attempts() + 1,
              backoff.toSeconds(),
              error);
          outbox.failed(message.id(), error, now.plus(backoff));
        }
      }
    }
    outbox.delivered(done, now);
    return new int[] {done.size(), batch.size()};
  }

  static Duration backoff(int attempts) {
    Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 16));
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  @PreDestroy
  void stop() {
    wakeUps.shutdownNow();
  }
}
