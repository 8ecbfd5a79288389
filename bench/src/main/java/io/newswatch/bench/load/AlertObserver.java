package io.newswatch.bench.load;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Remembers when each item was sent to the raw topic and watches {@code newswatch.alerts}: the
 * latency of an item is the time from its send to the arrival of its first alert event, which
 * alert-service publishes from its alert stream right after the alert's transaction committed (so
 * it bounds "stored" from above). Also keeps the gap between the send and the alert's {@code
 * createdAt}, the moment alert-service began storing it (a bound from below).
 */
final class AlertObserver implements AutoCloseable {

  /** When an item was sent, and in which step. */
  record Sent(int step, long nanos, long epochMillis) {}

  /** What was seen for one step. */
  record Observed(long[] toEventMillis, long[] toCreatedMillis, int alerts, int itemsAlerted) {}

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Set<String> alerted = ConcurrentHashMap.newKeySet();
  private final Map<Integer, StepRecord> steps = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  private static final class StepRecord {
    final List<Long> toEvent = new ArrayList<>();
    final List<Long> toCreated = new ArrayList<>();
    final Set<String> alertIds = new HashSet<>();
  }

  AlertObserver(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                20),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(Topics.ALERTS, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::run, "alert-observer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Records that an item is being sent now, as part of a step. */
  void sending(String itemId, int step) {
    sent.put(itemId, new Sent(step, System.nanoTime(), System.currentTimeMillis()));
  }

  /** What was seen so far for the items of a step. */
  Observed observed(int step) {
    StepRecord record = steps.get(step);
    if (record == null) {
      return new Observed(new long[0], new long[0], 0, 0);
    }
    synchronized (record) {
      return new Observed(
          record.toEvent.stream().mapToLong(Long::longValue).sorted().toArray(),
          record.toCreated.stream().mapToLong(Long::longValue).sorted().toArray(),
          record.alertIds.size(),
          record.toEvent.size());
    }
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          long arrived = System.nanoTime();
          AlertEvent event = EventJson.read(record.value(), AlertEvent.class);
          Sent item = sent.get(event.item().id());
          if (item == null) {
            continue;
          }
          StepRecord step = steps.computeIfAbsent(item.step(), s -> new StepRecord());
          synchronized (step) {
            step.alertIds.add(event.alertId());
            if (alerted.add(event.item().id())) {
              step.toEvent.add((arrived - item.nanos()) / 1_000_000);
              step.toCreated.add(event.createdAt().toEpochMilli() - item.epochMillis());
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
