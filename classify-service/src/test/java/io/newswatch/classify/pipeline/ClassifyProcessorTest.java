package io.newswatch.classify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Tag;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicReader;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ClassifyProcessorTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();

  @Test
  void publishesTheClassifiedItemUnderTheSameKey() {
    RawItem item = rawItem("ISIS-K fighters in Badakhshan");

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, item.id(), EventJson.writeString(item));

    ConsumerRecord<String, String> record = awaitOne(Topics.CLASSIFIED_ITEMS, item.id());
    ClassifiedItem classified = EventJson.read(record.value(), ClassifiedItem.class);
    assertThat(classified.item()).isEqualTo(item);
    assertThat(classified.tags()).extracting(Tag::id).containsExactly("iskp", "af-badakhshan");
    assertThat(classified.taxonomyVersion()).isNotBlank();
  }

  @Test
  void sendsAnUnreadableRecordToTheDeadLetterTopicWithTheReasonAndKeepsGoing() {
    String poisonKey = "poison-" + UUID.randomUUID();
    RawItem after = rawItem("Badakhshan after the poison");

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, poisonKey, "this is not a raw item");
    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, after.id(), EventJson.writeString(after));

    ConsumerRecord<String, String> dead = awaitOne(Topics.RAW_ITEMS_DEAD_LETTER, poisonKey);
    assertThat(dead.value()).isEqualTo("this is not a raw item");
    Header reason = dead.headers().lastHeader("dead-letter-reason");
    assertThat(reason).isNotNull();
    assertThat(new String(reason.value(), StandardCharsets.UTF_8))
        .contains("not valid JSON for RawItem");
    awaitOne(Topics.CLASSIFIED_ITEMS, after.id());
    assertThat(TopicReader.snapshot(KAFKA, Topics.CLASSIFIED_ITEMS, r -> r.key().equals(poisonKey)))
        .isEmpty();
  }

  @Test
  void sendsAnItemMissingARequiredFieldToTheDeadLetterTopic() {
    String key = "incomplete-" + UUID.randomUUID();

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, key, "{\"schemaVersion\":1,\"feedId\":\"1\"}");

    ConsumerRecord<String, String> dead = awaitOne(Topics.RAW_ITEMS_DEAD_LETTER, key);
    assertThat(
            new String(
                dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
        .contains("id must not be blank");
  }

  private static ConsumerRecord<String, String> awaitOne(String topic, String key) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> TopicReader.snapshot(KAFKA, topic, r -> key.equals(r.key())),
            records -> records.size() == 1)
        .get(0);
  }

  private static RawItem rawItem(String title) {
    String id = UUID.randomUUID().toString().replace("-", "");
    return RawItem.of(
        id,
        "1",
        "https://news.example.org/rss",
        "Example",
        "https://news.example.org/" + id,
        title,
        "",
        "",
        "en",
        null,
        Instant.parse("2026-01-15T08:00:00Z"),
        List.of());
  }
}
