package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @Test
  void carriesARecordFromProducerToConsumer() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startTemporary(1)) {
      broker.createTopics(Map.of("roundtrip", 3));

      send(broker, "roundtrip", "item-1", "ISIS-K fighters in Badakhshan");

      assertThat(readAll(broker, "roundtrip", 1))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("item-1", "ISIS-K fighters in Badakhshan"));
      try (var admin = broker.admin()) {
        assertThat(
                admin
                    .describeTopics(List.of("roundtrip"))
                    .allTopicNames()
                    .get()
                    .get("roundtrip")
                    .partitions())
            .hasSize(3);
      }
    }
  }

  @Test
  void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDirectory(@TempDir Path data)
      throws Exception {
    try (KafkaBroker broker = KafkaBroker.start(data, 0, 1)) {
      broker.createTopics(Map.of("durable", 1));
      send(broker, "durable", "k", "kept");
    }

    try (KafkaBroker restarted = KafkaBroker.start(data, 0, 1)) {
      assertThat(readAll(restarted, "durable", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
    }
  }

  @Test
  void deletesTemporaryStorageOnClose() {
    Path directory;
    try (KafkaBroker broker = KafkaBroker.startTemporary(1)) {
      directory = broker.dataDirectory();
      assertThat(directory).isDirectory();
    }

    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void createTopicsIsIdempotent() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startTemporary(1)) {
      broker.createTopics(Map.of("twice", 2));
      broker.createTopics(Map.of("twice", 2));

      try (var admin = broker.admin()) {
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("twice");
      }
    }
  }

  private static void send(KafkaBroker broker, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(
      KafkaBroker broker, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
