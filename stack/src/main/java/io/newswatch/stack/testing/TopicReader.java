package io.newswatch.stack.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds right now, from the beginning to the current end of every partition,
 * without joining a consumer group. Tests filter the result for their own records, since the broker
 * is shared by every test of a JVM.
 */
public final class TopicReader {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicReader() {}

  /** Every record currently in {@code topic}. */
  public static List<ConsumerRecord<String, String>> snapshot(
      String bootstrapServers, String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in time");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  /** The records of {@code topic} that satisfy {@code filter}. */
  public static List<ConsumerRecord<String, String>> snapshot(
      String bootstrapServers, String topic, Predicate<ConsumerRecord<String, String>> filter) {
    return snapshot(bootstrapServers, topic).stream().filter(filter).toList();
  }

  /** Waits until exactly one record with {@code key} is in {@code topic}, and returns it. */
  public static ConsumerRecord<String, String> awaitOne(
      String bootstrapServers, String topic, String key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, String>> records =
          snapshot(bootstrapServers, topic, r -> key.equals(r.key()));
      if (records.size() == 1) {
        return records.get(0);
      }
      if (records.size() > 1 || System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected one record with key " + key + " in " + topic + ", found " + records.size());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey(), TIMEOUT) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }
}
