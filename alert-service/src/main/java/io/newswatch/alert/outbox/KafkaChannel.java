package io.newswatch.alert.outbox;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Outbox channel {@value #NAME}: publishes each message to its topic with its key, and returns only
 * after every in-sync replica has it ({@code acks=all}, idempotent producer).
 */
@ApplicationScoped
public class KafkaChannel implements OutboxChannel {

  public static final String NAME = "kafka";

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, Object> settings;
  private KafkaProducer<String, byte[]> producer; // guarded by this

  KafkaChannel(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.settings =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG,
            "alert-outbox",
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            (int) TIMEOUT.toMillis(),
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) TIMEOUT.toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5000,
            ProducerConfig.LINGER_MS_CONFIG,
            1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized Map<Long, String> deliver(List<OutboxMessage> batch) {
    Map<Long, String> failures = new HashMap<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try {
      KafkaProducer<String, byte[]> kafka = producer();
      for (OutboxMessage message : batch) {
        sent.add(
            kafka.send(
                new ProducerRecord<>(
                    message.destination(),
                    message.key(),
                    message.payload().getBytes(StandardCharsets.UTF_8))));
      }
    } catch (RuntimeException e) {
      discard();
      batch.forEach(m -> failures.put(m.id(), describe(e)));
      return failures;
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        sent.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        failures.put(batch.get(i).id(), describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.put(batch.get(i).id(), "interrupted");
      }
    }
    if (!failures.isEmpty()) {
      Log.debugf("%d of %d alert events not acknowledged", failures.size(), batch.size());
    }
    return failures;
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private void discard() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private static String describe(Exception e) {
    String description = e.getClass().getSimpleName();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        description = cause.getMessage();
      }
    }
    return description;
  }
}
