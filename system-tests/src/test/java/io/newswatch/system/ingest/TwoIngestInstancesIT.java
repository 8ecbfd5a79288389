package io.newswatch.system.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.FreePorts;
import io.newswatch.stack.Infrastructure;
import io.newswatch.stack.Rss;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import io.newswatch.stack.testing.TopicReader;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest-service processes share one database and 200 feeds: every feed is polled once in its
 * interval, by one of them, and every item reaches Kafka exactly once.
 */
class TwoIngestInstancesIT {

  private static final int FEEDS = 200;
  private static final int ITEMS_PER_FEED = 3;
  private static final Duration WITHIN = Duration.ofSeconds(120);

  private static FeedServer feeds;
  private static Infrastructure infrastructure;
  private static ServiceProcess users;
  private static ServiceProcess first;
  private static ServiceProcess second;

  /** The first admin of the alert-service that keeps the users. */
  private static final String ADMIN_PASSWORD = "two-instances-admin-password";

  @BeforeAll
  static void startTwoInstances() {
    // A little latency per answer, as real servers have, so that the work spreads over both.
    feeds = FeedServer.start(0, 8).responseDelay(Duration.ofMillis(30));
    infrastructure = Infrastructure.start(null);
    Path root = Path.of(System.getProperty("newswatch.root", ".."));
    Path logs = Path.of(System.getProperty("newswatch.logs", "target/stack-logs"));
    users = startUserDirectory(root, logs);
    first = start("ingest-a", root, logs);
    second = start("ingest-b", root, logs);
    users.awaitReady(WITHIN);
    first.awaitReady(WITHIN);
    second.awaitReady(WITHIN);
  }

  /** alert-service, which keeps the users whose credentials ingest-service checks. */
  private static ServiceProcess startUserDirectory(Path root, Path logs) {
    Map<String, String> environment =
        new LinkedHashMap<>(infrastructure.environmentFor(Service.ALERT));
    environment.put("NEWSWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return ServiceProcess.start(
        "alert-for-two-ingest",
        root.resolve("alert-service/target/quarkus-app"),
        FreePorts.pick(),
        environment,
        List.of("-Xmx256m"),
        logs.resolve("alert-for-two-ingest.log"));
  }

  private static ServiceProcess start(String name, Path root, Path logs) {
    Map<String, String> environment =
        new LinkedHashMap<>(infrastructure.environmentFor(Service.INGEST));
    environment.put("NEWSWATCH_AUTH_DIRECTORY_URL", users.baseUri().toString());
    environment.put("NEWSWATCH_FETCH_ALLOW", feeds.hostAndPort());
    environment.put("NEWSWATCH_INGEST_INSTANCE_ID", name);
    return ServiceProcess.start(
        name,
        root.resolve("ingest-service/target/quarkus-app"),
        FreePorts.pick(),
        environment,
        List.of("-Xmx256m"),
        logs.resolve(name + ".log"));
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable running :
        new AutoCloseable[] {first, second, users, infrastructure, feeds}) {
      try {
        if (running != null) {
          running.close();
        }
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
  }

  @Test
  void twoInstancesPollingTwoHundredFeedsPublishEachItemExactlyOnce() {
    StringBuilder opml = new StringBuilder("<opml version=\"2.0\"><body>");
    for (int f = 0; f < FEEDS; f++) {
      Rss rss = Rss.channel("Shared " + f);
      for (int i = 0; i < ITEMS_PER_FEED; i++) {
        rss.item("shared-" + f + "-" + i, null, "Story " + i + " of feed " + f, "", null);
      }
      feeds.putRss("/shared-" + f + ".xml", rss.build());
      opml.append("<outline type=\"rss\" xmlUrl=\"")
          .append(feeds.url("/shared-" + f + ".xml"))
          .append("\"/>");
    }
    opml.append("</body></opml>");

    asAdmin()
        .baseUri(first.baseUri().toString())
        .contentType("text/x-opml")
        .body(opml.toString())
        .post("/feeds/import")
        .then()
        .statusCode(200)
        .body("added", equalTo(FEEDS));

    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(feedList().getList("items.lastStatus")).containsOnly(200));

    JsonPath list = feedList();
    assertThat(list.getList("items.itemsPublished", Integer.class))
        .hasSize(FEEDS)
        .containsOnly(ITEMS_PER_FEED);
    assertThat(new HashSet<>(list.getList("items.lastPolledBy")))
        .containsExactlyInAnyOrder("ingest-a", "ingest-b");
    for (int f = 0; f < FEEDS; f++) {
      assertThat(feeds.requests("/shared-" + f + ".xml")).as("polls of feed %d", f).isEqualTo(1);
    }
    List<RawItem> published =
        TopicReader.snapshot(infrastructure.kafka().bootstrapServers(), Topics.RAW_ITEMS).stream()
            .map(record -> EventJson.read(record.value(), RawItem.class))
            .filter(item -> item.feedUrl().startsWith(feeds.url("/").toString()))
            .toList();
    Set<String> ids = new HashSet<>();
    published.forEach(item -> ids.add(item.id()));
    assertThat(published).hasSize(FEEDS * ITEMS_PER_FEED);
    assertThat(ids).hasSize(FEEDS * ITEMS_PER_FEED);
  }

  private static RequestSpecification asAdmin() {
    return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
  }

  private static JsonPath feedList() {
    return asAdmin()
        .baseUri(second.baseUri().toString())
        .get("/feeds?size=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
