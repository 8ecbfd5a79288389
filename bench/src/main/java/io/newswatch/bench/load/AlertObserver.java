package io.newswatch.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.newswatch.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Remembers when each item was sent to the raw topic and watches {@code newswatch.alerts}: the
 * latency of an item is the time from its send to the arrival of its first alert event, which
 * alert-service publishes from its alert stream right after the alert's transaction committed (so
 * it bounds "stored" from above). Also keeps the gap between the send and the alert's {@code
 * createdAt}, the moment alert-service began storing it (a bound from below).
 */
final class AlertObserver implements AutoCloseable {

  /** The name of the observer's thread. */
  static final String THREAD = "alert-observer";

  /** When an item was sent, and in which step. */
  record Sent(int step, long nanos, long epochMillis) {}

  /** What was seen for one step. */
  record Observed(long[] toEventMillis, long[] toCreatedMillis, int alerts, int itemsAlerted) {}

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Set<String> alerted = ConcurrentHashMap.newKeySet();
  private final Map<Integer, StepRecord> steps = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, byte[]> consumer;
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
            // the bytes as they came: decoding each event into a String first cost more than
            // reading its two fields (events with Dari names decode to UTF-16)
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(Topics.ALERTS, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::run, THREAD);
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
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long arrived = System.nanoTime();
          observe(record.key(), record.value(), arrived);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable alert event", e);
    } finally {
      consumer.close();
    }
  }

  private void observe(String alertId, byte[] json, long arrived) throws IOException {
    Fields fields =
        Fields.of(json, itemId -> sent.containsKey(itemId) && !alerted.contains(itemId));
    Sent item = fields.itemId() == null ? null : sent.get(fields.itemId());
    if (item == null) {
      return; // not sent by this run
    }
    StepRecord step = steps.computeIfAbsent(item.step(), s -> new StepRecord());
    synchronized (step) {
      step.alertIds.add(alertId);
      if (fields.createdAt() != null && alerted.add(fields.itemId())) {
        step.toEvent.add((arrived - item.nanos()) / 1_000_000);
        step.toCreated.add(fields.createdAt().toEpochMilli() - item.epochMillis());
      }
    }
  }

  /**
   * What the figures need from an alert event, read without binding all of it: the observer shares
   * the machine with the system it measures, and binding every event (matches, tags and their
   * evidence) took a sixth of a core at 400 items/s. The item comes early in the event, {@code
   * createdAt} last: it is read on to only when {@code readOn} wants it for the item (its first
   * alert).
   *
   * @param itemId the item's id, or null when the event has none
   * @param createdAt when the alert was created, or null when not read
   */
  record Fields(String itemId, Instant createdAt) {

    static Fields of(byte[] json, Predicate<String> readOn) throws IOException {
      try (JsonParser parser = JSON.createParser(json)) {
        String itemId = null;
        Instant createdAt = null;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return new Fields(null, null);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("item") && value == JsonToken.START_OBJECT) {
            itemId = idOf(parser);
            if (itemId == null || !readOn.test(itemId)) {
              return new Fields(itemId, null);
            }
          } else if (field.equals("createdAt") && value == JsonToken.VALUE_STRING) {
            createdAt = Instant.parse(parser.getText());
          } else {
            parser.skipChildren();
          }
          if (itemId != null && createdAt != null) {
            return new Fields(itemId, createdAt);
          }
        }
        return new Fields(itemId, null);
      }
    }

    /** The {@code id} of the object the parser is at the start of; leaves the parser after it. */
    private static String idOf(JsonParser parser) throws IOException {
      String id = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("id")) {
          id = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      return id;
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
