package io.newswatch.alert.alert;

import static io.newswatch.alert.TestUsers.as;
import static io.newswatch.alert.TestUsers.asAdmin;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.newswatch.alert.TestUsers;
import io.newswatch.alert.db.TimeOrderedIds;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.ConsumerLag;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AlertPipelineTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();

  private String officer;

  @BeforeEach
  void newOfficer() {
    officer = TestUsers.newOfficer();
  }

  @Test
  void storesOneAlertPerSubscriptionAndItemHoweverOftenTheItemArrives() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    ClassifiedItem item = classified("ISIS-K fighters in Badakhshan " + marker, true);

    send(item);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as(officer)
                    .get("/alerts?subscriptionId={s}", subscription)
                    .then()
                    .body("total", equalTo(1))
                    .body("items[0].itemId", equalTo(item.id()))
                    .body("items[0].matches[0].term", equalTo("ISKP"))
                    .body("items[0].matches[0].text", equalTo("ISIS-K"))
                    .body("items[0].severity", equalTo("priority")));

    send(item);
    caughtUp();

    JsonPath alerts =
        as(officer).get("/alerts?subscriptionId={s}", subscription).then().extract().jsonPath();
    assertThat(alerts.getInt("total")).isEqualTo(1);
    // alerts and stories get time-ordered ids (UUID v7), stamped with the millisecond of storing
    UUID id = UUID.fromString(alerts.getString("items[0].id"));
    UUID story = UUID.fromString(alerts.getString("items[0].storyId"));
    assertThat(List.of(id.version(), story.version())).containsExactly(7, 7);
    long created = Instant.parse(alerts.getString("items[0].createdAt")).toEpochMilli();
    assertThat(TimeOrderedIds.millis(id)).isBetween(created - 1_000, created + 1_000);
  }

  @Test
  void oneStoryFromThreeFeedsGivesOneAlertWithThreeSources() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    String body =
        "Fighters of the Islamic State Khorasan Province attacked a checkpoint near Fayzabad on"
            + " Tuesday night, killing four police officers, the provincial spokesman said; "
            + marker;
    String link = "https://www.wire.example.org/2026/kunduz-" + marker;
    // The same article from a second feed (other scheme, tracking parameters), and the same wire
    // copy under another headline and link from a third feed, with a dateline added.
    ClassifiedItem first = copy("11", "ISKP attack near Fayzabad", body, link);
    ClassifiedItem second =
        copy(
            "12",
            "Attack near Fayzabad",
            "",
            "http://wire.example.org/2026/kunduz-" + marker + "?utm_source=rss");
    ClassifiedItem third =
        copy(
            "13",
            "Four police killed",
            "FAYZABAD (AP) - " + body,
            "https://other.example.net/story/" + marker);

    send(first);
    caughtUp();
    send(second);
    send(third);
    caughtUp();

    JsonPath alerts =
        as(officer).get("/alerts?subscriptionId={s}", subscription).then().extract().jsonPath();
    assertThat(alerts.getInt("total")).isEqualTo(1);
    assertThat(alerts.getList("items[0].sources.itemId"))
        .containsExactlyInAnyOrder(first.id(), second.id(), third.id());
    assertThat(alerts.getList("items[0].sources.feedId"))
        .containsExactlyInAnyOrder("11", "12", "13");
    assertThat(alerts.getList("items[0].sources.title"))
        .containsExactlyInAnyOrder(
            first.item().title(), "Attack near Fayzabad", "Four police killed");
    assertThat(alerts.getList("items[0].sources.url"))
        .containsExactlyInAnyOrder(first.item().url(), second.item().url(), third.item().url());
    assertThat(alerts.getString("items[0].itemId")).isEqualTo(first.id());
  }

  @Test
  void copiesOfOneStoryInOneBatchGiveOneAlert() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    String body =
        "Fighters of the Islamic State Khorasan Province attacked a border post near Ishkashim on"
            + " Sunday morning, and two guards were wounded, officials in Badakhshan said. The"
            + " attackers fired rockets from the other bank of the river before dawn and withdrew"
            + " when reinforcements arrived from Fayzabad, according to a police spokesman; "
            + marker;
    // Three copies under three links (a dateline added, a line added at the end), and an unrelated
    // item, sent in one burst: the consumer stores them in one transaction, or in two, and either
    // way finds the copies.
    ClassifiedItem first =
        copy("31", "ISKP attack near Ishkashim", body, "https://a.example.org/1-" + marker);
    ClassifiedItem second =
        copy(
            "32",
            "Border post attacked",
            "ISHKASHIM (AFP) - " + body,
            "https://b.example.org/2-" + marker);
    ClassifiedItem third =
        copy(
            "33",
            "Guards wounded",
            body + " Reporting by the Kabul bureau.",
            "https://c.example.org/3-" + marker);
    ClassifiedItem other =
        copy(
            "34",
            "ISKP statement " + marker,
            "A statement attributed to the group's media arm praised fighters and threatened more"
                + " attacks on officials in the coming weeks; "
                + marker,
            "https://d.example.org/4-" + marker);

    TopicWriter.send(
        KAFKA,
        Topics.CLASSIFIED_ITEMS,
        List.of(first, second, third, other).stream()
            .map(i -> Map.entry(i.id(), EventJson.writeString(i)))
            .toList());
    caughtUp();

    JsonPath alerts =
        as(officer)
            .get("/alerts?subscriptionId={s}&size=10", subscription)
            .then()
            .extract()
            .jsonPath();
    assertThat(alerts.getInt("total")).isEqualTo(2);
    assertThat(alerts.getList("items.collect { it.sources.size() }", Integer.class))
        .containsExactlyInAnyOrder(3, 1);
    // Which copy makes the alert depends on the order of partitions in the poll.
    List<String> alerted = alerts.getList("items.itemId");
    assertThat(alerted).contains(other.id());
    assertThat(alerted).containsAnyOf(first.id(), second.id(), third.id());
  }

  @Test
  void aCopyReceivedBeforeTheMatchingOneBecomesASourceToo() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    String link = "https://wire.example.org/early-" + marker;
    ClassifiedItem early = copy("21", "Attack reported", "", link);
    ClassifiedItem matching =
        copy("22", "ISKP claims attack " + marker, "", link + "?utm_medium=x");

    send(early);
    caughtUp();
    send(matching);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        as(officer)
                            .get("/alerts?subscriptionId={s}", subscription)
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items[0].sources.itemId"))
                    .containsExactlyInAnyOrder(early.id(), matching.id()));
  }

  @Test
  void publishesOneAlertEventKeyedByTheAlertId() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    ClassifiedItem item = classified("ISIS-K fighters in Badakhshan " + marker, true);

    send(item);
    String alert =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    as(officer)
                        .get("/alerts?subscriptionId={s}", subscription)
                        .then()
                        .extract()
                        .<String>path("items[0].id"),
                id -> id != null);

    AlertEvent event =
        EventJson.read(
            TopicReader.awaitOne(KAFKA, Topics.ALERTS, alert, Duration.ofSeconds(30)).value(),
            AlertEvent.class);
    assertThat(event.subscriptionId()).isEqualTo(subscription);
    assertThat(event.owner()).isEqualTo(officer);
    assertThat(event.item().id()).isEqualTo(item.id());
    assertThat(event.item().feedId()).isEqualTo(item.item().feedId());
    assertThat(event.item().title()).isEqualTo(item.item().title());
    assertThat(event.item().url()).isEqualTo(item.item().url());
    assertThat(event.tags()).isEqualTo(item.tags());
    assertThat(event.matches()).extracting(MatchedTerm::text).contains("ISIS-K", marker);
    assertThat(event.severity()).isEqualTo(Severity.PRIORITY);

    send(item); // redelivered: no second alert, no second event
    caughtUp();
    assertThat(TopicReader.snapshot(KAFKA, Topics.ALERTS, r -> alert.equals(r.key()))).hasSize(1);
    // The relay's position reached the end of the alert stream, and operators can see it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("(?m)^newswatch_alert_events_behind(\\{[^}]*})? 0\\.0$")
                    .containsPattern(
                        "(?m)^newswatch_alert_events_published_total(\\{[^}]*})? [1-9]")
                    // and how long the consumer's two stages take
                    .containsPattern(
                        "(?m)^newswatch_alert_batch_prepare_duration_seconds_count(\\{[^}]*})? [1-9]")
                    .containsPattern(
                        "(?m)^newswatch_alert_batch_store_duration_seconds_count(\\{[^}]*})? [1-9]"));
  }

  @Test
  void storesAnItemsTagsOnceForAllItsAlertsAndShowsThemInEach() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String first = subscribe("ISKP " + marker);
    String second = subscribe("Badakhshan " + marker);
    ClassifiedItem item = classified("ISIS-K fighters in Badakhshan " + marker, true);

    send(item);
    List<String> ids =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    as(officer)
                        .get("/alerts")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("items.id"),
                found -> found.size() == 2);
    assertThat(storedTags(item.id())).isEqualTo(1);
    for (String id : ids) {
      as(officer)
          .get("/alerts/{id}", id)
          .then()
          .statusCode(200)
          .body("tags.id", equalTo(item.tags().stream().map(t -> t.id()).toList()))
          .body("tags[0].evidence[0].text", equalTo("ISIS-K"));
      AlertEvent event =
          EventJson.read(
              TopicReader.awaitOne(KAFKA, Topics.ALERTS, id, Duration.ofSeconds(30)).value(),
              AlertEvent.class);
      assertThat(event.tags()).isEqualTo(item.tags());
    }
    as(officer)
        .get("/alerts?subscriptionId={s}", second)
        .then()
        .body("items[0].tags.id", equalTo(item.tags().stream().map(t -> t.id()).toList()));

    // Once both subscriptions are gone, so are their alerts, and then the item's tags.
    as(officer).delete("/subscriptions/{id}", first).then().statusCode(204);
    forgetItemsWithoutAlerts();
    assertThat(storedTags(item.id())).isEqualTo(1); // the second's alert still refers to it
    as(officer).delete("/subscriptions/{id}", second).then().statusCode(204);
    assertThat(forgetItemsWithoutAlerts()).isGreaterThanOrEqualTo(1);
    assertThat(storedTags(item.id())).isZero();
  }

  @Inject AlertRepository alerts;
  @Inject EntityManager entityManager;

  private int forgetItemsWithoutAlerts() {
    return alerts.forgetItemsWithoutAlerts(Instant.now().plusSeconds(1));
  }

  private int storedTags(String itemId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("SELECT count(*) FROM alert_item WHERE item_id = ?1")
                            .setParameter(1, itemId)
                            .getSingleResult())
                    .intValue());
  }

  @Test
  void previewsAQueryOnTheItemsReceivedLast() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    ClassifiedItem item = classified("ISIS-K fighters in Badakhshan " + marker, true);
    send(item);
    caughtUp();

    as(officer)
        .contentType(ContentType.JSON)
        .body("{\"query\": \"ISKP " + marker + "\", \"items\": 50}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(200)
        .body("searched", lessThanOrEqualTo(50))
        .body("matches.size()", equalTo(1))
        .body("matches[0].itemId", equalTo(item.id()))
        .body("matches[0].matches.term", hasItem(marker));
  }

  @Test
  void anAlertIsSeenByItsOwnerAndAdminsOnly() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    subscribe("ISKP " + marker);
    send(classified("ISIS-K fighters " + marker, true));
    String alert =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> as(officer).get("/alerts").then().extract().<String>path("items[0].id"),
                id -> id != null);
    String other = TestUsers.newOfficer();

    as(other).get("/alerts/{id}", alert).then().statusCode(404);
    as(other).get("/alerts").then().body("total", equalTo(0));
    as(officer).get("/alerts/{id}", alert).then().statusCode(200);
    asAdmin().get("/alerts/{id}", alert).then().statusCode(200);
  }

  @Test
  void aSubscriptionBelowItsMinimumSeverityOrDisabledGivesNoAlert() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String flashOnly =
        as(officer)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\": \"flash\", \"query\": \"ISKP "
                    + marker
                    + "\", \"minSeverity\": \"flash\"}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String disabled =
        as(officer)
            .contentType(ContentType.JSON)
            .body("{\"name\": \"off\", \"query\": \"ISKP " + marker + "\", \"enabled\": false}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    send(classified("ISIS-K fighters " + marker, true));
    caughtUp();

    as(officer).get("/alerts?subscriptionId={s}", flashOnly).then().body("total", equalTo(0));
    as(officer).get("/alerts?subscriptionId={s}", disabled).then().body("total", equalTo(0));
  }

  @Test
  void anItemThatMatchesNoSubscriptionStoresNothing() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);

    send(classified("Wheat prices in Herat " + marker, false));
    caughtUp();

    as(officer).get("/alerts?subscriptionId={s}", subscription).then().body("total", equalTo(0));
  }

  @Test
  void sendsAnUnreadableRecordToTheDeadLetterTopicAndStoresTheRestOfItsBatch() {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String subscription = subscribe("ISKP " + marker);
    String key = "poison-" + UUID.randomUUID();
    ClassifiedItem before = classified("ISIS-K fighters in Kunduz " + marker, true);
    ClassifiedItem after = classified("ISIS-K fighters in Takhar " + marker, true);

    TopicWriter.send(
        KAFKA,
        Topics.CLASSIFIED_ITEMS,
        List.of(
            Map.entry(before.id(), EventJson.writeString(before)),
            Map.entry(key, "{\"schemaVersion\": 1}"),
            Map.entry(after.id(), EventJson.writeString(after))));

    List<ConsumerRecord<String, String>> dead =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicReader.snapshot(
                        KAFKA, Topics.CLASSIFIED_ITEMS_DEAD_LETTER, r -> key.equals(r.key())),
                records -> records.size() == 1);
    assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), UTF_8))
        .contains("invalid ClassifiedItem");
    assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-topic").value(), UTF_8))
        .isEqualTo(Topics.CLASSIFIED_ITEMS);
    caughtUp();
    as(officer)
        .get("/alerts?subscriptionId={s}", subscription)
        .then()
        .body("total", equalTo(2))
        .body("items.title", containsInAnyOrder(before.item().title(), after.item().title()));
  }

  @Test
  void answersAnUnknownAlertWith404() {
    as(officer).get("/alerts/{id}", UUID.randomUUID()).then().statusCode(404);
    assertThat(as(officer).get("/alerts?size=0").statusCode()).isEqualTo(400);
  }

  private static void caughtUp() {
    ConsumerLag.awaitZero(
        KAFKA, "newswatch-alert", Topics.CLASSIFIED_ITEMS, Duration.ofSeconds(30));
  }

  private static void send(ClassifiedItem item) {
    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
  }

  private String subscribe(String query) {
    return as(officer)
        .contentType(ContentType.JSON)
        .body("{\"name\": \"test\", \"query\": \"" + query + "\"}")
        .post("/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static ClassifiedItem copy(String feed, String title, String summary, String url) {
    RawItem raw =
        Fixtures.fromFeed(feed, url, title, summary, Instant.parse("2026-01-15T08:00:00Z"));
    return Fixtures.classified(raw, Severity.PRIORITY, Fixtures.iskpInTitle(0, 4, "ISKP"));
  }

  private static ClassifiedItem classified(String title, boolean taggedIskp) {
    RawItem raw = Fixtures.rawItem(title);
    return taggedIskp
        ? Fixtures.classified(raw, Severity.PRIORITY, Fixtures.iskpInTitle(0, 6, "ISIS-K"))
        : Fixtures.classified(raw, Severity.ROUTINE);
  }
}
