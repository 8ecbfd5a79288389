package io.newswatch.stack.testing;

import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to a topic for tests, waiting for the broker's acknowledgement. */
public final class TopicWriter {

  private TopicWriter() {}

  /** Sends one record with a string key and value (JSON, or anything a test needs to be wrong). */
  public static void send(String bootstrapServers, String topic, String key, String value) {
    send(bootstrapServers, topic, List.of(Map.entry(key, value)));
  }

  /**
   * Sends records (key and value) in order, in one burst, so that a consumer polls them together,
   * and returns once Kafka has them all.
   */
  public static void send(
      String bootstrapServers, String topic, List<Map.Entry<String, String>> records) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Map.Entry<String, String> record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
      }
      for (Future<RecordMetadata> result : sent) {
        result.get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    }
  }
}
