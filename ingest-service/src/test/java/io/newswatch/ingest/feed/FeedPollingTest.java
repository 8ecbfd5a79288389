package io.newswatch.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.events.EventJson;
import io.newswatch.events.ItemIds;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class FeedPollingTest {

  private FeedServer server;
  private String run;

  @BeforeEach
  void startFeedServer() {
    server = FeedServer.start();
    run = UUID.randomUUID().toString();
  }

  @AfterEach
  void stopFeedServer() {
    server.close();
  }

  @Test
  void publishesEachItemOnceKeyedByItsIdAndNothingOnTheNextPoll() {
    server.putRss(
        "/rss.xml",
        Rss.channel("Example Desk")
            .item(
                run + "-1",
                "https://news.example.org/1",
                "ISIS-K fighters in Badakhshan",
                "<p>Details</p>",
                Instant.parse("2026-01-15T08:30:00Z"))
            .item(
                run + "-2", "https://news.example.org/2", "Wheat prices in Herat", "Markets", null)
            .build());
    long feedId = createFeed(server.url("/rss.xml").toString());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .statusCode(200)
        .body("status", equalTo(200))
        .body("items", equalTo(2))
        .body("published", equalTo(2))
        .body("error", nullValue());

    List<ConsumerRecord<String, String>> records = recordsOf(feedId);
    assertThat(records).hasSize(2);
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(
            ItemIds.fromGuid(Long.toString(feedId), run + "-1"),
            ItemIds.fromGuid(Long.toString(feedId), run + "-2"));
    RawItem first =
        records.stream()
            .map(r -> EventJson.read(r.value(), RawItem.class))
            .filter(i -> i.title().startsWith("ISIS-K"))
            .findFirst()
            .orElseThrow();
    assertThat(first.sourceName()).isEqualTo("Example Desk");
    assertThat(first.summary()).isEqualTo("Details");
    assertThat(first.url()).isEqualTo("https://news.example.org/1");
    assertThat(first.feedUrl()).isEqualTo(server.url("/rss.xml").toString());
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .statusCode(200)
        .body("status", equalTo(304))
        .body("published", equalTo(0));
    assertThat(recordsOf(feedId)).hasSize(2);
  }

  @Test
  void aChangedFeedPublishesOnlyItsNewItems() {
    Rss feed = Rss.channel("Growing").item(run + "-a", null, "First", "", null);
    server.putRss("/grow.xml", feed.build());
    long feedId = createFeed(server.url("/grow.xml").toString());
    given().post("/feeds/{id}/refresh", feedId).then().body("published", equalTo(1));

    server.putRss("/grow.xml", feed.item(run + "-b", null, "Second", "", null).build());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .body("items", equalTo(2))
        .body("published", equalTo(1))
        .body("alreadySeen", equalTo(1));
    assertThat(recordsOf(feedId)).hasSize(2);
    given()
        .get("/feeds/{id}", feedId)
        .then()
        .body("itemsPublished", equalTo(2))
        .body("lastStatus", equalTo(200));
  }

  @Test
  void aFeedThatIsNotAFeedIsRecordedAsFailingWithAClearMessage() {
    server.put("/page.html", "text/html", "<html><body>not a feed</body></html>");
    long feedId = createFeed(server.url("/page.html").toString());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .statusCode(200)
        .body("published", equalTo(0))
        .body(
            "error",
            equalTo("not a readable RSS or Atom feed: the document is neither RSS nor Atom"));
    given()
        .get("/feeds/{id}", feedId)
        .then()
        .body("consecutiveFailures", equalTo(1))
        .body(
            "lastError",
            equalTo("not a readable RSS or Atom feed: the document is neither RSS nor Atom"));
  }

  @Test
  void aMissingFeedIsRecordedWithItsHttpStatus() {
    long feedId = createFeed(server.url("/gone.xml").toString());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .body("status", equalTo(404))
        .body("error", equalTo("HTTP 404"));
  }

  private List<ConsumerRecord<String, String>> recordsOf(long feedId) {
    return TopicReader.snapshot(
        SharedServers.kafkaBootstrapServers(),
        Topics.RAW_ITEMS,
        r ->
            EventJson.read(r.value(), RawItem.class)
                    .feedUrl()
                    .startsWith(server.url("/").toString())
                && EventJson.read(r.value(), RawItem.class).feedId().equals(Long.toString(feedId)));
  }

  private static long createFeed(String url) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\"}")
        .post("/feeds")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
