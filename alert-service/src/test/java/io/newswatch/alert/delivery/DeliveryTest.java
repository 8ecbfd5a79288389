package io.newswatch.alert.delivery;

import static io.newswatch.alert.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.alert.TestUsers;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.ConsumerLag;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery through real receivers: a webhook receiver that verifies signatures and answers as
 * scripted, and a GreenMail SMTP server; alerts made from classified items sent to the real broker.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WebhookReceiver.class)
@WithTestResource(SmtpServer.class)
class DeliveryTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DeliveryWorker worker;

  private String officer;
  private String marker;

  @BeforeEach
  void setUp() {
    officer = TestUsers.newOfficer();
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void aWebhookThatFailsTwiceGetsOneDeliveryInThreeAttemptsWithTheSameIdOnTheSchedule() {
    String secret = WebhookReceiver.newSecret();
    String url = WebhookReceiver.hook(marker, secret);
    WebhookReceiver.script(marker, 500, 500);
    subscribe(c -> c.add(webhook(url, secret)), null);

    ClassifiedItem item = item("ISKP claims attack " + marker, Severity.PRIORITY);
    send(item);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 3);
    List<WebhookReceiver.Received> received = WebhookReceiver.received(marker);
    assertThat(received).allMatch(WebhookReceiver.Received::signed, "signed with the secret");
    assertThat(received)
        .extracting(WebhookReceiver.Received::id)
        .containsOnly(received.get(0).id());
    assertThat(received)
        .extracting(WebhookReceiver.Received::answered)
        .containsExactly(500, 500, 200);
    // The schedule: 1 s after the first failure, 2 s after the second, each less up to 20 % jitter.
    assertThat(Duration.between(received.get(0).at(), received.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(Duration.between(received.get(1).at(), received.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1600));
    JsonPath body = new JsonPath(received.get(2).body());
    assertThat(body.getString("type")).isEqualTo("alert.created");
    assertThat(body.getString("data.title")).isEqualTo(item.item().title());
    assertThat(body.getString("data.matches[0].term")).isEqualTo("ISKP");

    String alert = onlyAlert();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonPath view = as(officer).get("/alerts/{id}", alert).then().extract().jsonPath();
              assertThat(view.getString("deliveries[0].status")).isEqualTo("delivered");
              assertThat(view.getInt("deliveries[0].attempts")).isEqualTo(3);
              assertThat(view.getInt("deliveries[0].lastStatus")).isEqualTo(200);
              assertThat(view.getString("deliveries[0].messageId")).isEqualTo(received.get(0).id());
            });
  }

  @Test
  void aReceiverAnswering410DisablesTheEndpointAndMarksTheSubscription() {
    String secret = WebhookReceiver.newSecret();
    String url = WebhookReceiver.hook(marker, secret);
    WebhookReceiver.script(marker, 410);
    String subscription = subscribe(c -> c.add(webhook(url, secret)), null);

    send(item("ISKP statement " + marker, Severity.ROUTINE));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        as(officer)
                            .get("/subscriptions/{id}", subscription)
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("channels[0].disabled"))
                    .contains("410"));
    JsonPath alert = as(officer).get("/alerts/{id}", onlyAlert()).then().extract().jsonPath();
    assertThat(alert.getString("deliveries[0].status")).isEqualTo("failed");
    assertThat(alert.getString("deliveries[0].lastError")).contains("410");

    // Later alerts of the subscription no longer go to the disabled endpoint.
    send(item("ISKP second statement " + marker, Severity.ROUTINE));
    caughtUp();
    await().atMost(Duration.ofSeconds(10)).until(() -> alertCount() == 2);
    worker.dispatch();
    assertThat(WebhookReceiver.received(marker)).hasSize(1);
  }

  @Test
  void retryAfterOf429IsHonoured() {
    String secret = WebhookReceiver.newSecret();
    String url = WebhookReceiver.hook(marker, secret);
    WebhookReceiver.scriptRetryAfter(marker, 429, 4);
    subscribe(c -> c.add(webhook(url, secret)), null);

    send(item("ISKP convoy " + marker, Severity.ROUTINE));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              JsonPath view =
                  as(officer).get("/alerts/{id}", onlyAlert()).then().extract().jsonPath();
              assertThat(view.getString("deliveries[0].status")).isEqualTo("retrying");
              assertThat(view.getInt("deliveries[0].lastStatus")).isEqualTo(429);
              assertThat(Instant.parse(view.getString("deliveries[0].nextAttemptAt")))
                  .isAfterOrEqualTo(WebhookReceiver.received(marker).get(0).at().plusSeconds(3));
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 2);
    List<WebhookReceiver.Received> received = WebhookReceiver.received(marker);
    // Backoff alone would have tried again after at most 1 s; the receiver asked for 4.
    assertThat(Duration.between(received.get(0).at(), received.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(3500));
    assertThat(received.get(1).answered()).isEqualTo(200);
  }

  @Test
  void aReceiverThatHangsDoesNotDelayAnotherSubscribersDelivery() {
    String slowSecret = WebhookReceiver.newSecret();
    String slow = WebhookReceiver.hook(marker + "-slow", slowSecret);
    WebhookReceiver.script(
        marker + "-slow",
        WebhookReceiver.HANG,
        WebhookReceiver.HANG,
        WebhookReceiver.HANG,
        WebhookReceiver.HANG,
        WebhookReceiver.HANG,
        WebhookReceiver.HANG);
    subscribe(c -> c.add(webhook(slow, slowSecret)), "slow" + marker);
    officer = TestUsers.newOfficer();
    String fastSecret = WebhookReceiver.newSecret();
    String fast = WebhookReceiver.hook(marker + "-fast", fastSecret);
    subscribe(c -> c.add(webhook(fast, fastSecret)), "fast" + marker);

    for (int i = 0; i < 4; i++) {
      send(item("slow" + marker + " report " + i, Severity.ROUTINE));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker + "-slow").size() >= 2);
    Instant hangingSince = WebhookReceiver.received(marker + "-slow").get(0).at();
    send(item("fast" + marker + " report", Severity.ROUTINE));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker + "-fast").size() == 1);
    Instant fastAt = WebhookReceiver.received(marker + "-fast").get(0).at();
    // Delivered while both attempts to the slow receiver still hung (they time out after 4 s) ...
    assertThat(fastAt).isBefore(hangingSince.plusSeconds(4));
    // ... and no more than the cap of 2 attempts reached the slow receiver at once.
    assertThat(
            WebhookReceiver.received(marker + "-slow").stream()
                .filter(r -> r.at().isBefore(fastAt))
                .count())
        .isEqualTo(2);
  }

  @Test
  void emailArrivesWithSubjectRecipientsAndHighlightedMatches() throws Exception {
    subscribe(
        c ->
            c.addObject()
                .put("type", "email")
                .set(
                    "to",
                    JSON.createArrayNode().add(marker + "@example.org").add("desk@example.org")),
        null);
    ClassifiedItem item = item("ISKP fighters seen near Fayzabad " + marker, Severity.FLASH);
    send(item);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !messagesTo(marker + "@example.org").isEmpty());
    // GreenMail keeps a copy per recipient; it is one message.
    assertThat(messagesTo(marker + "@example.org").stream().map(DeliveryTest::messageId).distinct())
        .hasSize(1);
    MimeMessage message = messagesTo(marker + "@example.org").get(0);
    assertThat(message.getSubject()).contains("FLASH").contains(item.item().title());
    assertThat(Arrays.stream(message.getAllRecipients()).map(Object::toString))
        .containsExactlyInAnyOrder(marker + "@example.org", "desk@example.org");
    String all = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message);
    assertThat(all).contains("<mark>ISKP</mark>");
    assertThat(all).contains("text/plain").contains("text/html");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        as(officer)
                            .get("/alerts/{id}", onlyAlert())
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("deliveries[0].status"))
                    .isEqualTo("delivered"));
  }

  @Test
  void aStormOf100AlertsGivesTheRateLimitsMessagesAndOneDigest() {
    String secret = WebhookReceiver.newSecret();
    String url = WebhookReceiver.hook(marker, secret);
    ObjectNode rateLimit = JSON.createObjectNode().put("messages", 5).put("window", "PT1M");
    subscribe(c -> c.add(webhook(url, secret)), null, body -> body.set("rateLimit", rateLimit));

    for (int i = 0; i < 100; i++) {
      send(item("ISKP storm " + marker + " number " + i, Severity.PRIORITY));
    }
    caughtUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> alertCount() == 100);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 5);
    worker.dispatch();
    assertThat(WebhookReceiver.received(marker)).hasSize(5);

    // The window ends: the 95 held alerts go out as one digest.
    worker.releaseDue(Instant.now().plus(Duration.ofMinutes(2)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 6);
    JsonPath digest = new JsonPath(WebhookReceiver.received(marker).get(5).body());
    assertThat(digest.getString("type")).isEqualTo("alert.digest");
    assertThat(digest.getInt("data.count")).isEqualTo(95);
    assertThat(digest.getString("data.summary")).isEqualTo("95 more alerts in the last minute");
    assertThat(digest.getList("data.alerts")).hasSize(95);
    worker.releaseDue(Instant.now().plus(Duration.ofMinutes(3)));
    worker.dispatch();
    assertThat(WebhookReceiver.received(marker)).hasSize(6);
  }

  @Test
  void quietHoursHoldRoutineAlertsAndLetFlashAlertsThrough() {
    String secret = WebhookReceiver.newSecret();
    String url = WebhookReceiver.hook(marker, secret);
    LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    ObjectNode quiet =
        JSON.createObjectNode()
            .put("start", now.minusHours(2).toString())
            .put("end", now.plusHours(2).toString())
            .put("timeZone", "UTC");
    subscribe(c -> c.add(webhook(url, secret)), null, body -> body.set("quietHours", quiet));

    ClassifiedItem routine = item("ISKP routine " + marker, Severity.ROUTINE);
    ClassifiedItem flash = item("ISKP flash " + marker, Severity.FLASH);
    send(routine);
    send(flash);
    caughtUp();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 1);
    assertThat(new JsonPath(WebhookReceiver.received(marker).get(0).body()).getString("data.title"))
        .isEqualTo(flash.item().title());
    JsonPath alerts = as(officer).get("/alerts?severity=routine").then().extract().jsonPath();
    JsonPath held =
        as(officer)
            .get("/alerts/{id}", alerts.getString("items[0].id"))
            .then()
            .extract()
            .jsonPath();
    assertThat(held.getString("deliveries[0].status")).isEqualTo("held");
    assertThat(held.getString("deliveries[0].heldReason")).isEqualTo("quiet-hours");
    assertThat(Instant.parse(held.getString("deliveries[0].heldUntil")))
        .isAfter(Instant.now().plus(Duration.ofMinutes(100)));
    worker.dispatch();
    assertThat(WebhookReceiver.received(marker)).hasSize(1);

    worker.releaseDue(Instant.now().plus(Duration.ofHours(3)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WebhookReceiver.received(marker).size() == 2);
    JsonPath digest = new JsonPath(WebhookReceiver.received(marker).get(1).body());
    assertThat(digest.getString("data.summary")).startsWith("1 alert during quiet hours");
    assertThat(digest.getString("data.alerts[0].title")).isEqualTo(routine.item().title());
  }

  // --- helpers -------------------------------------------------------------------------------

  private static ObjectNode webhook(String url, String secret) {
    return JSON.createObjectNode().put("type", "webhook").put("url", url).put("secret", secret);
  }

  private String subscribe(Consumer<ArrayNode> channels, String query) {
    return subscribe(channels, query, body -> {});
  }

  private String subscribe(Consumer<ArrayNode> channels, String query, Consumer<ObjectNode> more) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "delivery " + marker);
    body.put("query", query == null ? "ISKP " + marker : query);
    channels.accept(body.putArray("channels"));
    more.accept(body);
    return as(officer)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static ClassifiedItem item(String title, Severity severity) {
    RawItem raw = Fixtures.rawItem(title);
    int at = title.indexOf("ISKP");
    return at < 0
        ? Fixtures.classified(raw, severity)
        : Fixtures.classified(raw, severity, Fixtures.iskpInTitle(at, at + 4, "ISKP"));
  }

  private static void send(ClassifiedItem item) {
    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
  }

  private static void caughtUp() {
    ConsumerLag.awaitZero(
        KAFKA, "newswatch-alert", Topics.CLASSIFIED_ITEMS, Duration.ofSeconds(60));
  }

  private String onlyAlert() {
    await().atMost(Duration.ofSeconds(30)).until(() -> alertCount() >= 1);
    return as(officer).get("/alerts").then().extract().path("items[0].id");
  }

  private int alertCount() {
    return as(officer).get("/alerts").then().extract().path("total");
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(SmtpServer.mail().getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                return false;
              }
            })
        .toList();
  }
}
