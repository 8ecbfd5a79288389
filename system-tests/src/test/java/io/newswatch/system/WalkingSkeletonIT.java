package io.newswatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.newswatch.events.Topics;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.LocalStack;
import io.newswatch.stack.Rss;
import io.newswatch.stack.Service;
import io.newswatch.stack.testing.ConsumerLag;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One story carried from a feed to a stored alert through the real system: a Kafka broker, a
 * PostgreSQL server and the three packaged services as separate processes.
 */
class WalkingSkeletonIT {

  private static final Duration WITHIN = Duration.ofSeconds(60);

  private static FeedServer feeds;
  private static LocalStack stack;
  private static String officerPassword;

  @BeforeAll
  static void startTheSystem() {
    feeds = FeedServer.start();
    stack =
        LocalStack.builder(Path.of(System.getProperty("newswatch.root", "..")))
            .logDirectory(Path.of(System.getProperty("newswatch.logs", "target/stack-logs")))
            .port(Service.INGEST, 0)
            .port(Service.CLASSIFY, 0)
            .port(Service.ALERT, 0)
            // The feed server is on loopback: the URL guard admits it only when told.
            .environment("NEWSWATCH_FETCH_ALLOW", feeds.hostAndPort())
            // This test polls by hand; the scheduler would race it for the first poll.
            .environment("NEWSWATCH_INGEST_SCHEDULER_ENABLED", "false")
            .progress(message -> System.out.println("[stack] " + message))
            .start();
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
    if (feeds != null) {
      feeds.close();
    }
  }

  @Test
  void aStoryNamingIsisKGivesExactlyOneAlertForAnIskpSubscription() {
    Rss rss =
        Rss.channel("Northern Afghanistan Desk")
            .item(
                "story-isis-k",
                "https://news.example.org/2026/01/15/badakhshan",
                "ISIS-K fighters in Badakhshan",
                "Officials in Fayzabad said the group moved into two districts.",
                Instant.parse("2026-01-15T08:30:00Z"))
            .item(
                "story-wheat",
                "https://news.example.org/2026/01/15/herat-wheat",
                "Wheat prices rise in Herat markets",
                "Traders expect a good harvest.",
                Instant.parse("2026-01-15T09:00:00Z"));
    feeds.putRss("/north.xml", rss.build());
    String subscription =
        asOfficer()
            .baseUri(uri(Service.ALERT))
            .contentType(ContentType.JSON)
            .body("{\"name\": \"ISKP\", \"query\": \"ISKP\"}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    long feed =
        asAdmin()
            .baseUri(uri(Service.INGEST))
            .contentType(ContentType.JSON)
            .body("{\"url\": \"" + feeds.url("/north.xml") + "\"}")
            .post("/feeds")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    refresh(feed).then().body("published", equalTo(2));

    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(alerts(subscription).getInt("total")).isEqualTo(1));
    JsonPath alerts = alerts(subscription);
    assertThat(alerts.getString("items[0].title")).isEqualTo("ISIS-K fighters in Badakhshan");
    assertThat(alerts.getString("items[0].url"))
        .isEqualTo("https://news.example.org/2026/01/15/badakhshan");
    assertThat(alerts.getList("items[0].matches.text")).contains("ISIS-K");
    assertThat(alerts.getList("items[0].tags.id")).contains("iskp", "af-badakhshan");

    // The Herat story passed through the whole pipeline too, and gave no alert.
    allConsumersCaughtUp();
    assertThat(alerts(subscription).getInt("total")).isEqualTo(1);

    // Polling again: unchanged (304), then changed by an unrelated story; never a second alert.
    refresh(feed).then().body("status", equalTo(304)).body("published", equalTo(0));
    feeds.putRss(
        "/north.xml",
        rss.item("story-weather", null, "Snow closes the Salang pass", "", null).build());
    refresh(feed).then().body("status", equalTo(200)).body("published", equalTo(1));
    allConsumersCaughtUp();
    assertThat(alerts(subscription).getInt("total")).isEqualTo(1);
    assertThat(alerts(subscription).getList("items.title"))
        .isEqualTo(List.of("ISIS-K fighters in Badakhshan"));
  }

  @Test
  void everyServiceChecksCredentialsAgainstTheUsersOfAlertService() {
    for (Service service : Service.values()) {
      String path =
          service == Service.INGEST
              ? "/feeds"
              : service == Service.CLASSIFY ? "/taxonomy" : "/alerts";
      given().baseUri(uri(service)).get(path).then().statusCode(401);
      given()
          .baseUri(uri(service))
          .auth()
          .preemptive()
          .basic(stack.admin().username(), "not-the-password")
          .get(path)
          .then()
          .statusCode(401);
      asAdmin().baseUri(uri(service)).get(path).then().statusCode(200);
    }
    asOfficer().baseUri(uri(Service.CLASSIFY)).get("/taxonomy").then().statusCode(200);
    asOfficer().baseUri(uri(Service.INGEST)).get("/feeds").then().statusCode(403);
  }

  @Test
  void everyServiceIsReadyWithItsKafkaAndDatabaseChecks() {
    for (Service service : Service.values()) {
      List<String> checks =
          given()
              .baseUri(uri(service))
              .get("/q/health/ready")
              .then()
              .statusCode(200)
              .body("status", equalTo("UP"))
              .extract()
              .jsonPath()
              .getList("checks.name");
      assertThat(checks).as(service.module()).contains("Kafka connection health check");
      if (service.database() != null) {
        assertThat(checks).as(service.module()).contains("Database connections health check");
      }
    }
  }

  private static io.restassured.response.Response refresh(long feed) {
    return asAdmin().baseUri(uri(Service.INGEST)).post("/feeds/{id}/refresh", feed);
  }

  private static JsonPath alerts(String subscription) {
    return asOfficer()
        .baseUri(uri(Service.ALERT))
        .get("/alerts?subscriptionId={id}", subscription)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void allConsumersCaughtUp() {
    String kafka = stack.infrastructure().kafka().bootstrapServers();
    ConsumerLag.awaitZero(kafka, "newswatch-classify", Topics.RAW_ITEMS, WITHIN);
    ConsumerLag.awaitZero(kafka, "newswatch-alert", Topics.CLASSIFIED_ITEMS, WITHIN);
  }

  private static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic(stack.admin().username(), stack.admin().password());
  }

  /** A watch officer, made once through the users API. */
  private static RequestSpecification asOfficer() {
    if (officerPassword == null) {
      officerPassword = "officer-password-" + System.nanoTime();
      Officers.create(
          URI.create(uri(Service.ALERT)),
          stack.admin().username(),
          stack.admin().password(),
          "officer",
          officerPassword);
    }
    return given().auth().preemptive().basic("officer", officerPassword);
  }

  private static String uri(Service service) {
    return stack.service(service).baseUri().toString();
  }
}
