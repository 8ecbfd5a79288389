package io.newswatch.stack.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many committed records of a topic a consumer group has not processed yet. Tests wait for 0 to
 * know that a service has processed (and committed) everything sent so far, before they assert that
 * something did not happen.
 *
 * <p>The records are counted, not the offsets: a transactional producer (ingest-service) leaves a
 * commit marker after each transaction, which takes an offset but is no record, so the difference
 * of end offset and committed offset stays above zero even when everything has been processed.
 */
public final class ConsumerLag {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ConsumerLag() {}

  /** Committed records in {@code topic} after the offsets {@code group} committed. */
  public static long of(String bootstrapServers, String group, String topic) {
    Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(bootstrapServers, group);
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata done = committed.get(partition);
        if (done == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, done.offset());
        }
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long unprocessed = 0;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in time");
        }
        unprocessed += consumer.poll(Duration.ofMillis(100)).count();
      }
      return unprocessed;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(
      String bootstrapServers, String group) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
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

  /** Waits until {@code group} has processed and committed every record in {@code topic}. */
  public static void awaitZero(
      String bootstrapServers, String group, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lag;
    while ((lag = of(bootstrapServers, group, topic)) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(group + " is still " + lag + " records behind on " + topic);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
