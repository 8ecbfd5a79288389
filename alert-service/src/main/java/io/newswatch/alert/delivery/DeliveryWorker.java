package io.newswatch.alert.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newswatch.alert.WakeUp;
import io.newswatch.alert.outbox.OutboxWritten;
import io.newswatch.common.net.HostPermits;
import io.newswatch.common.net.PinnedHttpClient;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Attempts the webhook and email deliveries of the outbox on this instance: right after a
 * transaction wrote some, and every second for retries, for digests whose hold ended, and for
 * deliveries a crashed instance left behind (once their lease ends). Each delivery is claimed with
 * a lease, attempted by one of {@code workers} threads, and its outcome recorded; at most {@code
 * max-per-endpoint} attempts to one endpoint run at once here, so a receiver that hangs holds a
 * couple of threads and delays nobody else.
 */
@ApplicationScoped
public class DeliveryWorker {

  private final Deliveries deliveries;
  private final DeliveryConfig config;
  private final WebhookSender webhooks;
  private final EmailSender emails;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final String me = "alert-" + UUID.randomUUID().toString().substring(0, 8);
  private final HostPermits permits;
  private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ExecutorService pool;
  private final ExecutorService wakeUps =
      Executors.newSingleThreadExecutor(r -> daemon(r, "delivery-dispatch"));
  private final WakeUp wakeUp = new WakeUp(wakeUps, this::dispatchQuietly);
  private final AtomicLong pendingGauge = new AtomicLong();
  private final MeterRegistry registry;
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private Instant lastGauge = Instant.EPOCH;

  DeliveryWorker(
      Deliveries deliveries,
      DeliveryConfig config,
      WebhookSender webhooks,
      EmailSender emails,
      RetrySchedule schedule,
      Clock clock,
      MeterRegistry registry) {
    this.deliveries = deliveries;
    this.config = config;
    this.webhooks = webhooks;
    this.emails = emails;
    this.schedule = schedule;
    this.clock = clock;
    this.registry = registry;
    this.permits = new HostPermits(config.maxPerEndpoint());
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            config.workers(), r -> daemon(r, "delivery-" + threads.incrementAndGet()));
    Gauge.builder("newswatch.alert.deliveries.pending", pendingGauge, AtomicLong::get)
        .description("Webhook and email deliveries waiting for an attempt or a retry")
        .strongReference(true)
        .register(registry);
    Gauge.builder("newswatch.alert.deliveries.in.flight", inFlight, AtomicInteger::get)
        .description("Delivery attempts running on this instance")
        .strongReference(true)
        .register(registry);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
    wake();
  }

  private void wake() {
    if (config.enabled() && !stopping) {
      wakeUp.request();
    }
  }

  @Scheduled(
      identity = "delivery-worker",
      every = "${newswatch.alert.delivery.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not once shutdown began: the database goes away with the application.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    if (!config.enabled() || stopping) {
      return;
    }
    try {
      Instant now = Instant.now(clock);
      releaseDue(now);
      dispatch();
      if (Duration.between(lastGauge, now).toSeconds() >= 10) {
        lastGauge = now;
        pendingGauge.set(deliveries.pending());
      }
    } catch (RuntimeException e) {
      Log.warnf("delivering alerts failed, retrying: %s", e.getMessage());
    }
  }

  /**
   * Folds every held delivery whose hold ended by {@code now} into its digest.
   *
   * @return how many alerts went into digests
   */
  public int releaseDue(Instant now) {
    int folded = 0;
    for (Deliveries.HeldGroup group : deliveries.heldDue(now)) {
      int count = deliveries.fold(group, now);
      if (count > 0) {
        folded += count;
        counter("digest", "folded").increment(count);
        Log.infof(
            "digest of %d held alerts (%s) for subscription %s to %s %s",
            count, group.reason(), group.subscriptionId(), group.channel(), group.destination());
      }
    }
    return folded;
  }

  private void dispatchQuietly() {
    try {
      dispatch();
    } catch (RuntimeException e) {
      Log.warnf("delivering alerts failed, retrying: %s", e.getMessage());
    }
  }

  /** Claims due deliveries for the free workers and starts their attempts. */
  synchronized void dispatch() {
    while (!stopping) {
      int free = config.workers() - inFlight.get();
      if (free <= 0) {
        return;
      }
      Set<String> busy =
          inFlightByEndpoint.entrySet().stream()
              .filter(e -> e.getValue().get() >= config.maxPerEndpoint())
              .map(Map.Entry::getKey)
              .collect(java.util.stream.Collectors.toSet());
      List<Deliveries.Claimed> claimed = deliveries.claim(free, busy, me, Instant.now(clock));
      int started = 0;
      for (Deliveries.Claimed delivery : claimed) {
        HostPermits.Permit permit = permits.tryAcquire(delivery.endpoint());
        if (permit == null) {
          deliveries.unlease(delivery.id(), me); // this endpoint has enough attempts running
          continue;
        }
        inFlight.incrementAndGet();
        inFlightByEndpoint
            .computeIfAbsent(delivery.endpoint(), e -> new AtomicInteger())
            .incrementAndGet();
        started++;
        pool.execute(() -> attempt(delivery, permit));
      }
      if (claimed.size() < free || started == 0) {
        return;
      }
    }
  }

  private void attempt(Deliveries.Claimed delivery, HostPermits.Permit permit) {
    try {
      Timer.Sample sample = Timer.start(registry);
      Outcome outcome = perform(delivery);
      sample.stop(duration(delivery.channel()));
      record(delivery, outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: the lease ends, another attempt follows
    } catch (RuntimeException e) {
      Log.errorf(e, "delivery %d (%s) failed unexpectedly", delivery.id(), delivery.channel());
      try {
        record(
            delivery, new Outcome(Attempt.retry(null, Optional.empty(), "internal error"), true));
      } catch (RuntimeException again) {
        Log.warnf("recording delivery %d failed; it is retried when its lease ends", delivery.id());
      }
    } finally {
      permit.close();
      inFlightByEndpoint.get(delivery.endpoint()).decrementAndGet();
      inFlight.decrementAndGet();
      wake();
    }
  }

  /** An attempt's result, and whether an attempt was made at all. */
  private record Outcome(Attempt attempt, boolean attempted) {}

  private Outcome perform(Deliveries.Claimed delivery) throws InterruptedException {
    Optional<DeliveryChannel> found = deliveries.channel(delivery);
    if (found.isEmpty()) {
      return notAttempted("not sent: the channel was removed from the subscription");
    }
    DeliveryChannel channel = found.get();
    if (channel.disabled() != null) {
      return notAttempted("not sent: the channel is disabled (" + channel.disabled() + ")");
    }
    boolean digest = "digest".equals(delivery.kind());
    Function<String, String> link = this::link;
    if (channel instanceof DeliveryChannel.Webhook webhook) {
      byte[] body;
      if (digest) {
        DigestMessage message = Deliveries.read(delivery.payload(), DigestMessage.class);
        body =
            webhook.format() == DeliveryChannel.Format.SLACK
                ? WebhookPayloads.slack(message)
                : WebhookPayloads.standard(message, link);
      } else {
        AlertMessage message = Deliveries.read(delivery.payload(), AlertMessage.class);
        body =
            webhook.format() == DeliveryChannel.Format.SLACK
                ? WebhookPayloads.slack(message, link(message.alertId()))
                : WebhookPayloads.standard(message, link(message.alertId()));
      }
      return new Outcome(webhooks.send(webhook, delivery.messageId(), body), true);
    }
    DeliveryChannel.Email email = (DeliveryChannel.Email) channel;
    EmailRenderer.Email content;
    if (digest) {
      content =
          EmailRenderer.render(Deliveries.read(delivery.payload(), DigestMessage.class), link);
    } else {
      AlertMessage message = Deliveries.read(delivery.payload(), AlertMessage.class);
      content = EmailRenderer.render(message, link(message.alertId()));
    }
    return new Outcome(emails.send(email, delivery.messageId(), content), true);
  }

  private static Outcome notAttempted(String why) {
    return new Outcome(new Attempt(Attempt.Kind.REFUSED, null, Optional.empty(), why), false);
  }

  private String link(String alertId) {
    return config
        .publicUrl()
        .map(base -> base.replaceAll("/+$", "") + "/alerts/" + alertId)
        .orElse(null);
  }

  private void record(Deliveries.Claimed delivery, Outcome outcome) {
    Attempt attempt = outcome.attempt();
    Instant now = Instant.now(clock);
    String what = delivery.channel() + " " + delivery.messageId() + " to " + delivery.destination();
    switch (attempt.kind()) {
      case DELIVERED -> {
        deliveries.record(delivery.id(), me, "done", true, attempt.httpStatus(), null, null, now);
        counter(delivery.channel(), "delivered").increment();
        Log.debugf("%s delivered at attempt %d", what, delivery.attempts() + 1);
      }
      case GONE -> {
        deliveries.record(
            delivery.id(), me, "failed", true, attempt.httpStatus(), attempt.error(), null, now);
        counter(delivery.channel(), "failed").increment();
        deliveries.disable(
            delivery.subscriptionId(),
            delivery.channel(),
            delivery.destination(),
            "the receiver answered 410 Gone at " + now,
            now);
        Log.warnf(
            "%s: the receiver answered 410 Gone; the channel is disabled on subscription %s",
            what, delivery.subscriptionId());
      }
      case REFUSED -> {
        deliveries.record(
            delivery.id(),
            me,
            outcome.attempted() ? "failed" : "cancelled",
            outcome.attempted(),
            null,
            attempt.error(),
            null,
            now);
        counter(delivery.channel(), outcome.attempted() ? "failed" : "cancelled").increment();
        Log.warnf("%s not delivered: %s", what, attempt.error());
      }
      case RETRY -> {
        int attempts = delivery.attempts() + 1;
        Optional<Duration> wait =
            schedule.next(attempts, attempt.retryAfter(), ThreadLocalRandom.current()::nextDouble);
        if (wait.isPresent()) {
          deliveries.record(
              delivery.id(),
              me,
              "pending",
              true,
              attempt.httpStatus(),
              attempt.error(),
              now.plus(wait.get()),
              now);
          counter(delivery.channel(), "retrying").increment();
          Log.infof(
              "%s: attempt %d failed (%s), next in %s",
              what, attempts, attempt.error(), PinnedHttpClient.seconds(wait.get()));
        } else {
          deliveries.record(
              delivery.id(),
              me,
              "failed",
              true,
              attempt.httpStatus(),
              attempt.error() + " (gave up after " + attempts + " attempts)",
              null,
              now);
          counter(delivery.channel(), "failed").increment();
          Log.warnf("%s failed for good after %d attempts: %s", what, attempts, attempt.error());
        }
      }
    }
  }

  private Counter counter(String channel, String outcome) {
    return Counter.builder("newswatch.alert.deliveries")
        .description("Delivery attempts and digests by channel and outcome")
        .tag("channel", channel)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer duration(String channel) {
    return durations.computeIfAbsent(
        channel,
        c ->
            Timer.builder("newswatch.alert.delivery.duration")
                .description("Time of one delivery attempt")
                .tag("channel", c)
                .register(registry));
  }

  /**
   * On shutdown: no new attempts; those running get a few seconds to finish and record their
   * outcome. What does not finish is attempted again when its lease ends.
   */
  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    wakeUps.shutdownNow();
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}
