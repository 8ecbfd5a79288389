package io.newswatch.ingest.feed;

import static io.newswatch.ingest.testing.Feeds.create;
import static io.newswatch.ingest.testing.Feeds.refresh;
import static io.newswatch.ingest.testing.Feeds.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.ingest.testing.FeedServerPort;
import io.newswatch.ingest.testing.RestartableKafka;
import io.newswatch.security.Roles;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker outage during a poll loses no item and duplicates none. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(RestartableKafka.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FeedServerPort.class)
class BrokerOutageTest {

  private FeedServer server;

  @BeforeEach
  void startFeedServer() {
    server = FeedServer.start(FeedServerPort.port());
  }

  @AfterEach
  void stopFeedServer() {
    server.close();
  }

  @Test
  void itemsPolledWhileTheBrokerIsDownArePublishedOnceItIsBack() {
    server.putRss(
        "/outage.xml",
        Rss.channel("Outage")
            .item("o-1", null, "One", "", null)
            .item("o-2", null, "Two", "", null)
            .item("o-3", null, "Three", "", null)
            .build());
    long feedId = create(server.url("/outage.xml").toString());

    RestartableKafka.stopBroker();
    JsonPath duringOutage;
    try {
      duringOutage = refresh(feedId);
    } finally {
      RestartableKafka.startBroker();
    }

    assertThat(duringOutage.getInt("status")).isEqualTo(200);
    assertThat(duringOutage.getInt("published")).isZero();
    assertThat(duringOutage.getString("error")).startsWith("Kafka did not acknowledge the items");
    assertThat(status(feedId).getInt("itemsPublished")).isZero();

    // The validators were not stored, so the next polls get the whole feed again, not a 304,
    // and publish what was not acknowledged (the producer may need a poll or two to reconnect).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              refresh(feedId);
              assertThat(status(feedId).getInt("itemsPublished")).isEqualTo(3);
            });
    JsonPath afterwards = refresh(feedId);
    assertThat(afterwards.getInt("published")).isZero();
    assertThat(afterwards.getString("error")).isNull();

    List<String> titles = titlesOf(feedId);
    assertThat(titles).containsExactlyInAnyOrder("One", "Two", "Three");
  }

  private List<String> titlesOf(long feedId) {
    String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    return TopicReader.snapshot(bootstrap, Topics.RAW_ITEMS).stream()
        .map(record -> EventJson.read(record.value(), RawItem.class))
        .filter(item -> item.feedId().equals(Long.toString(feedId)))
        .map(RawItem::title)
        .toList();
  }
}
