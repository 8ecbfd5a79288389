package io.newswatch.alert.outbox;

import static io.newswatch.alert.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.alert.TestUsers;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicReader;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The relay publishes the events of alerts this instance stored from memory: they must be the
 * events it would read back from the database, field for field.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RelayedEventsTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();
  private static final Pattern FROM_MEMORY =
      Pattern.compile("(?m)^newswatch_alert_events_read_total\\{from=\"memory\"[^}]*} (\\S+)$");

  @Inject AlertEvents events;

  @Test
  void eventsPublishedFromMemoryAreTheOnesTheDatabaseGivesBack() {
    String officer = TestUsers.newOfficer();
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    subscribe(officer, "ISKP " + marker);
    subscribe(officer, "Badakhshan " + marker);
    ClassifiedItem item =
        Fixtures.classified(
            // published in nanoseconds: the database keeps microseconds, and so does the event
            RawItem.of(
                Fixtures.newItemId(),
                "feed-relayed",
                "https://feed-relayed.example.org/rss",
                "Relayed Wire",
                "https://news.example.org/" + marker,
                "ISIS-K fighters in Badakhshan " + marker,
                "Fighters of ISIS-K were seen in Badakhshan.",
                "",
                "en",
                Instant.parse("2026-11-22T01:00:00.123456789Z"),
                Instant.parse("2026-11-22T01:00:05Z"),
                List.of()),
            Severity.PRIORITY,
            Fixtures.iskpInTitle(0, 6, "ISIS-K"));
    double before = fromMemory();

    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
    List<AlertEvent> published =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicReader.snapshot(KAFKA, Topics.ALERTS, r -> r.value().contains(marker))
                        .stream()
                        .map(r -> EventJson.read(r.value(), AlertEvent.class))
                        .filter(e -> e.owner().equals(officer)) // not other tests' officers
                        .toList(),
                found -> found.size() == 2);

    assertThat(published).hasSize(2);
    Map<String, AlertEvent> stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    events.read(
                        published.stream().map(e -> UUID.fromString(e.alertId())).toList()));
    for (AlertEvent event : published) {
      assertThat(event).isEqualTo(stored.get(event.alertId()));
      assertThat(event.tags()).isEqualTo(item.tags());
      assertThat(event.item().feedId()).isEqualTo(item.item().feedId());
      assertThat(event.item().publishedAt())
          .isEqualTo(Instant.parse("2026-11-22T01:00:00.123456Z"));
    }
    assertThat(fromMemory()).isGreaterThan(before);
  }

  private static double fromMemory() {
    Matcher found =
        FROM_MEMORY.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
    return found.find() ? Double.parseDouble(found.group(1)) : 0;
  }

  private static void subscribe(String officer, String query) {
    as(officer)
        .contentType(ContentType.JSON)
        .body("{\"name\": \"relayed\", \"query\": \"" + query + "\"}")
        .post("/subscriptions")
        .then()
        .statusCode(201);
  }
}
