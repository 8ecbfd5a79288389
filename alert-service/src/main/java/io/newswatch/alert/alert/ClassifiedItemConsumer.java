package io.newswatch.alert.alert;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Consumes classified items at least once, a batch (one poll, at most {@code max.poll.records}) at
 * a time, and stores their alerts in one transaction per batch.
 *
 * <p>Two stages, each on a thread of its own: a batch is read and {@linkplain AlertService#prepare
 * prepared} (matched, fingerprinted, written as JSON: no database) while the batch before it is
 * being stored, and the next batch is taken only once that one is stored, so at most two batches
 * are in hand and they are stored in the order they came. A batch is acknowledged, and its offsets
 * committed, only after its alert transaction committed, so a crash replays it and the unique keys
 * make the replay harmless.
 *
 * <p>A record that is not a classified item goes to the dead-letter topic at once, with the reason
 * in its headers, and the rest of the batch goes on. A database that is away (connection lost,
 * deadlock, shutting down) is waited for with backoff, holding the partitions rather than skipping
 * items. Any other failure of a batch is retried item by item, so that one bad item cannot hold
 * back the others: an item that still fails to be prepared or stored after a few attempts goes to
 * the dead-letter topic with the reason. While the service shuts down nothing is retried: the batch
 * is left unacknowledged for the next owner of its partitions.
 */
@ApplicationScoped
public class ClassifiedItemConsumer {

  /** Channel mapped to {@link io.newswatch.events.Topics#CLASSIFIED_ITEMS}. */
  public static final String CHANNEL = "classified-items";

  /** Channel mapped to the dead-letter topic of classified items. */
  public static final String DEAD_LETTERS = "classified-items-dlq";

  private static final int ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final AlertService alerts;
  private final Emitter<byte[]> deadLetters;
  private final DistributionSummary batchSizes;
  private final Timer preparingTime;
  private final Timer storingTime;
  private final Counter deadLettered;
  private final BatchPipeline<KafkaRecordBatch<String, byte[]>, Prepared> pipeline =
      new BatchPipeline<>("alert", this::prepare, this::store);
  private volatile boolean stopping;

  ClassifiedItemConsumer(
      AlertService alerts,
      @Channel(DEAD_LETTERS) Emitter<byte[]> deadLetters,
      MeterRegistry registry) {
    this.alerts = alerts;
    this.deadLetters = deadLetters;
    this.batchSizes =
        DistributionSummary.builder("newswatch.alert.batch.size")
            .description("Classified items stored in one transaction")
            .register(registry);
    // Each stage's busy share of its thread is rate(..._seconds_sum): storing near 1 means that
    // alert-service waits for PostgreSQL, preparing near 1 that it waits for its own CPU.
    this.preparingTime =
        Timer.builder("newswatch.alert.batch.prepare.duration")
            .description(
                "Time to read, match and prepare a batch of classified items (no database)")
            .register(registry);
    this.storingTime =
        Timer.builder("newswatch.alert.batch.store.duration")
            .description("Time to store a prepared batch's alerts, in one transaction")
            .register(registry);
    this.deadLettered =
        Counter.builder("newswatch.alert.dead.letters")
            .description("Classified items sent to the dead-letter topic")
            .register(registry);
  }

  /** Stops retrying once the service shuts down: the database is going away with it. */
  void stopping(@Observes @Priority(1) ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Lets the batches in hand finish (the Kafka connector waited for them already, see {@code
   * graceful-shutdown}), then ends the pipeline's threads.
   */
  @PreDestroy
  void stopPipeline() throws InterruptedException {
    if (!pipeline.close(STOP_TIMEOUT)) {
      Log.warn("alert-service stopped with classified items in hand; they are redelivered");
    }
  }

  /**
   * Takes a batch: prepared on one thread while the batch before is stored on another, then stored
   * and acknowledged, or, if it could not be (shutting down), left unacknowledged. The stage
   * returned completes when the channel may hand over the next batch.
   */
  @Incoming(CHANNEL)
  public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
    return pipeline.submit(batch, ClassifiedItemConsumer::acknowledge);
  }

  private static void acknowledge(KafkaRecordBatch<String, byte[]> batch, Throwable failure) {
    if (failure == null) {
      batch.ack();
    } else {
      Log.warnf(
          "batch of %d classified items left for redelivery: %s",
          batch.getPayload().size(), failure.getMessage());
      batch.nack(failure);
    }
  }

  /**
   * A batch ready to store: its items prepared, with the records they came from (for the
   * dead-letter topic).
   */
  private record Prepared(List<ConsumerRecord<String, byte[]>> records, List<PreparedItem> items) {}

  /** Reads and prepares the records; sends those that cannot be to the dead-letter topic. */
  private Prepared prepare(KafkaRecordBatch<String, byte[]> batch) {
    return preparingTime.record(() -> prepareRecords(batch));
  }

  private Prepared prepareRecords(KafkaRecordBatch<String, byte[]> batch) {
    ConsumerRecords<String, byte[]> records =
        batch
            .getMetadata(IncomingKafkaRecordBatchMetadata.class)
            .orElseThrow(() -> new IllegalStateException("a Kafka batch without its records"))
            .getRecords();
    List<ConsumerRecord<String, byte[]>> ready = new ArrayList<>(records.count());
    List<PreparedItem> items = new ArrayList<>(records.count());
    try {
      for (ConsumerRecord<String, byte[]> record : records) {
        PreparedItem item = prepare(record);
        if (item != null) {
          ready.add(record);
          items.add(item);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    return new Prepared(ready, items);
  }

  /**
   * Reads and prepares one record; null if it went to the dead-letter topic. Retried as a single
   * item's storing is: the subscription index loads from the database on first use.
   */
  private PreparedItem prepare(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    ClassifiedItem item;
    try {
      item = EventJson.read(record.value(), ClassifiedItem.class);
    } catch (RuntimeException e) {
      deadLetter(record, e);
      return null;
    }
    PreparedItem[] prepared = new PreparedItem[1];
    RuntimeException failure =
        attempt(
            "matching item " + item.id(),
            false,
            () -> prepared[0] = alerts.prepare(item, new String(record.value(), UTF_8)));
    if (failure != null) {
      deadLetter(record, failure);
      return null;
    }
    return prepared[0];
  }

  /** Stores a prepared batch; failing for good, item by item. */
  private void store(Prepared batch) {
    List<PreparedItem> items = batch.items();
    if (items.isEmpty()) {
      return;
    }
    Timer.Sample started = Timer.start();
    try {
      batchSizes.record(items.size());
      RuntimeException failure = store(items, "a batch of " + items.size() + " items");
      if (failure == null) {
        return;
      }
      if (items.size() == 1) {
        deadLetter(batch.records().get(0), failure);
        return;
      }
      // Something in the batch fails for good: find it, one item at a time.
      for (int i = 0; i < items.size(); i++) {
        failure = store(List.of(items.get(i)), "item " + items.get(i).item().id());
        if (failure != null) {
          deadLetter(batch.records().get(i), failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } finally {
      started.stop(storingTime);
    }
  }

  /**
   * Stores items as {@link #attempt} tries: several at once are not retried but stored one by one.
   */
  private RuntimeException store(List<PreparedItem> items, String what)
      throws InterruptedException {
    return attempt("storing alerts for " + what, items.size() > 1, () -> alerts.process(items));
  }

  /**
   * Does something, waiting for the database as long as it takes; returns the failure, or null once
   * done. Any other failure is retried up to {@link #ATTEMPTS} times, or not at all for {@code
   * several} items (the caller then goes one by one).
   */
  private RuntimeException attempt(String what, boolean several, Runnable action)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    int failures = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        action.run();
        return null;
      } catch (RuntimeException e) {
        if (stopping) {
          throw new IllegalStateException(what + ": left for redelivery, shutting down", e);
        }
        boolean transientFailure = isTransient(e);
        if (!transientFailure && several) {
          Log.warnf("%s failed, going one by one: %s", what, e.getMessage());
          return e;
        }
        if (!transientFailure && ++failures >= ATTEMPTS) {
          return e;
        }
        Log.warnf(
            "%s failed (attempt %d%s), retrying in %d ms: %s",
            what,
            attempt,
            transientFailure ? ", database unavailable" : " of " + ATTEMPTS,
            backoff.toMillis(),
            e.getMessage());
        Thread.sleep(backoff.toMillis());
        backoff = longer(backoff);
      }
    }
  }

  private static Duration longer(Duration backoff) {
    return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
        ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  /**
   * Sends a record to the dead-letter topic with its key and the reason in the headers (the names
   * SmallRye's dead-letter strategy uses), waiting until Kafka has it; waits for Kafka as long as
   * it takes, so that the record's offset is never committed before its copy exists.
   */
  private void deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason)
      throws InterruptedException {
    Log.errorf(
        "classified item at %s-%d@%d goes to the dead-letter topic: %s",
        record.topic(), record.partition(), record.offset(), reason.toString());
    RecordHeaders headers = new RecordHeaders();
    headers.add(header("dead-letter-reason", String.valueOf(reason.getMessage())));
    if (reason.getCause() != null) {
      headers.add(header("dead-letter-cause", String.valueOf(reason.getCause().getMessage())));
    }
    headers.add(header("dead-letter-topic", record.topic()));
    headers.add(header("dead-letter-partition", Integer.toString(record.partition())));
    headers.add(header("dead-letter-offset", Long.toString(record.offset())));
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      OutgoingKafkaRecordMetadata<String> metadata =
          OutgoingKafkaRecordMetadata.<String>builder()
              .withKey(record.key())
              .withHeaders(headers)
              .build();
      deadLetters.send(
          Message.of(
              record.value() == null ? new byte[0] : record.value(),
              Metadata.of(metadata),
              () -> {
                sent.complete(null);
                return CompletableFuture.completedFuture(null);
              },
              failure -> {
                sent.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
              }));
      try {
        sent.get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        deadLettered.increment();
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (stopping) {
          throw new IllegalStateException("dead letter not sent: shutting down", e);
        }
        Log.warnf("sending to the dead-letter topic failed, retrying: %s", e.toString());
        Thread.sleep(backoff.toMillis());
        backoff = longer(backoff);
      }
    }
  }

  private static org.apache.kafka.common.header.Header header(String name, String value) {
    return new org.apache.kafka.common.header.internals.RecordHeader(
        name, value.getBytes(StandardCharsets.UTF_8));
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
