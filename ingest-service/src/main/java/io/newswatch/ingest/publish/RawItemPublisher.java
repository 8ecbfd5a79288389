package io.newswatch.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.ingest.IngestConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the new items of one poll to Kafka in one transaction, keyed by item id: either every
 * item becomes visible to consumers or none does.
 *
 * <p>An idempotent producer alone is not enough during a broker outage: a send that times out may
 * still have been written, and the next poll would publish it again. Inside a transaction, a send
 * whose outcome is unknown is aborted with the transaction, and consumers reading committed records
 * only (classify-service does) never see it. Items are recorded as seen only after the commit.
 */
@ApplicationScoped
public class RawItemPublisher {

  private final Map<String, Object> settings;
  private final MeterRegistry registry;
  private KafkaProducer<String, byte[]> producer; // guarded by this
  private KafkaClientMetrics producerMetrics; // guarded by this

  RawItemPublisher(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      IngestConfig config,
      MeterRegistry registry) {
    this.registry = registry;
    int timeout = (int) config.publishTimeout().toMillis();
    this.settings =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG,
            "ingest-raw-items",
            // Unique per process: a restarted instance starts a new transactional producer, and
            // the transactions a crashed one left open are aborted when they time out.
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "newswatch-ingest-" + UUID.randomUUID(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            timeout,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            timeout,
            // Kafka requires delivery.timeout >= request.timeout + linger.
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            Math.min(timeout / 2, 10_000),
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            2 * timeout,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
  }

  /**
   * What a publication achieved.
   *
   * @param acknowledged ids of the items committed, in order: all of them or none
   * @param error why nothing was published, or null
   */
  public record Publication(List<String> acknowledged, String error) {}

  /**
   * Sends the items in one transaction and returns once it is committed (every in-sync replica has
   * every item) or aborted. One transaction at a time: polls of other feeds wait their turn, which
   * takes milliseconds.
   */
  public synchronized Publication publishAll(List<RawItem> items) {
    if (items.isEmpty()) {
      return new Publication(List.of(), null);
    }
    try {
      KafkaProducer<String, byte[]> transactional = producer();
      transactional.beginTransaction();
      for (RawItem item : items) {
        transactional.send(
            new ProducerRecord<>(Topics.RAW_ITEMS, item.id(), EventJson.write(item)));
      }
      transactional.commitTransaction();
      return new Publication(items.stream().map(RawItem::id).toList(), null);
    } catch (RuntimeException e) {
      // Whatever the state of the failed transaction, a new producer with a new id starts clean;
      // the broker aborts the old transaction when it times out, so none of it becomes visible.
      Log.debugf(e, "transaction of %d items failed", items.size());
      discardProducer();
      return new Publication(List.of(), "Kafka did not acknowledge the items: " + describe(e));
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      KafkaProducer<String, byte[]> created =
          new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
      try {
        created.initTransactions();
      } catch (RuntimeException e) {
        created.close(Duration.ZERO);
        throw e;
      }
      producer = created;
      producerMetrics = new KafkaClientMetrics(created);
      producerMetrics.bindTo(registry);
    }
    return producer;
  }

  private void discardProducer() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ZERO);
      producer = null;
      producerMetrics = null;
    }
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  /** The innermost explanation: Kafka wraps the useful message in generic ones. */
  private static String describe(RuntimeException e) {
    String description = e.getClass().getSimpleName();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        description = cause.getMessage();
      }
    }
    return description;
  }
}
