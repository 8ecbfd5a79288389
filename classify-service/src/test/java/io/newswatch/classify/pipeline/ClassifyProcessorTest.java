package io.newswatch.classify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Evidence;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.Topics;
import io.newswatch.security.Roles;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicReader;
import io.newswatch.stack.testing.TopicWriter;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(KafkaTestResource.class)
class ClassifyProcessorTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();

  @Test
  void publishesTheClassifiedItemUnderTheSameKey() {
    RawItem item = Fixtures.rawItem("ISIS-K fighters in Badakhshan");

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, item.id(), EventJson.writeString(item));

    ConsumerRecord<String, String> record = awaitOne(Topics.CLASSIFIED_ITEMS, item.id());
    ClassifiedItem classified = EventJson.read(record.value(), ClassifiedItem.class);
    assertThat(classified.item()).isEqualTo(item);
    assertThat(classified.tags())
        .filteredOn(t -> !t.inferred())
        .extracting(Tag::id)
        .containsExactly("iskp", "af-badakhshan");
    assertThat(classified.tags())
        .filteredOn(Tag::inferred)
        .extracting(Tag::id)
        .contains("af", "islamic-state");
    assertThat(classified.taxonomyVersion()).isEqualTo(TaxonomyLoader.loadDefault().version());
  }

  @Test
  void ratesAnAttackByAnArmedGroupInTheTitleAsFlash() {
    RawItem item = Fixtures.rawItem("ISKP suicide bomber kills six in Kabul");

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, item.id(), EventJson.writeString(item));

    ClassifiedItem classified =
        EventJson.read(awaitOne(Topics.CLASSIFIED_ITEMS, item.id()).value(), ClassifiedItem.class);
    assertThat(classified.severity()).isEqualTo(Severity.FLASH);
    assertThat(classified.severityEvidence())
        .extracting(Evidence::text)
        .containsExactly("suicide bomber", "kills");
  }

  @Test
  void sendsAnOversizedRecordToTheDeadLetterTopicWithTheReasonAndKeepsGoing() {
    RawItem big = Fixtures.rawItem("Badakhshan " + "x".repeat(30_000));
    RawItem after = Fixtures.rawItem("Kunduz after the big one");

    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, big.id(), EventJson.writeString(big));
    TopicWriter.send(KAFKA, Topics.RAW_ITEMS, after.id(), EventJson.writeString(after));

    ConsumerRecord<String, String> dead = awaitOne(Topics.RAW_ITEMS_DEAD_LETTER, big.id());
    assertThat(dead.value()).isEqualTo(EventJson.writeString(big));
    assertThat(
            new String(
                dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
        .contains("exceeds the limit of 20000 bytes");
    awaitOne(Topics.CLASSIFIED_ITEMS, after.id());
    assertThat(TopicReader.snapshot(KAFKA, Topics.CLASSIFIED_ITEMS, r -> r.key().equals(big.id())))
        .isEmpty();
  }

  @Test
  void sendsAnUnreadableRecordToTheDeadLetterTopicWithTheReasonAndKeepsGoing() {
    String poisonKey = "poison-" + UUID.randomUUID();
    RawItem after = Fixtures.rawItem("Badakhshan after the poison");

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
    return TopicReader.awaitOne(KAFKA, topic, key, Duration.ofSeconds(30));
  }
}
