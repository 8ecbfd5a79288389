package io.newswatch.ingest.feed;

import static io.newswatch.ingest.testing.Feeds.create;
import static io.newswatch.ingest.testing.Feeds.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.ingest.testing.FeedServerPort;
import io.newswatch.security.Roles;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler polls due feeds by itself, shares them through leases, and survives bad feeds. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@TestProfile(ScheduledPollingTest.SchedulerOn.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FeedServerPort.class)
class ScheduledPollingTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  /** The scheduler runs, as in production. */
  public static class SchedulerOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "newswatch.ingest.scheduler-enabled", "true",
          "newswatch.ingest.instance-id", "test-instance");
    }
  }

  @Inject EntityManager entityManager;

  private FeedServer server;
  private String run;

  @BeforeEach
  void startFeedServer() {
    server = FeedServer.start(FeedServerPort.port());
    run = UUID.randomUUID().toString();
  }

  @AfterEach
  void stopFeedServer() {
    server.close();
  }

  @Test
  void dueFeedsArePolledWithoutAskingAndHostileFeedsDoNotHoldUpTheOthers() {
    server.put("/page.html", "text/html", "<html><body>no feed</body></html>");
    server.put(
        "/laughs.xml",
        "application/rss+xml",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss/>");
    server.handle(
        "/slow.xml",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 30; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    long page = create(server.url("/page.html").toString());
    long laughs = create(server.url("/laughs.xml").toString());
    long slow = create(server.url("/slow.xml").toString());
    long[] good = new long[3];
    for (int i = 0; i < good.length; i++) {
      server.putRss(
          "/good-" + i + ".xml",
          Rss.channel("Good " + i).item(run + i, null, "t", "", null).build());
      good[i] = create(server.url("/good-" + i + ".xml").toString());
    }

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              for (long id : good) {
                assertThat(status(id).getInt("itemsPublished")).isEqualTo(1);
              }
            });
    for (long id : good) {
      JsonPath feed = status(id);
      assertThat(feed.getString("lastPolledBy")).isEqualTo("test-instance");
      assertThat(Instant.parse(feed.getString("nextPollAt")))
          .isAfter(Instant.now().plus(Duration.ofMinutes(4)));
    }
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              for (long id : new long[] {page, laughs, slow}) {
                assertThat(status(id).getInt("consecutiveFailures")).isEqualTo(1);
                assertThat(status(id).getBoolean("inBackoff")).isTrue();
              }
            });
    assertThat(status(slow).getString("lastError")).isEqualTo("no complete answer within 5 s");
  }

  @Test
  void aLiveLeaseOfAnotherInstanceIsRespectedAndAnExpiredOneIsTakenOver() {
    server.putRss("/held.xml", Rss.channel("Held").item(run + "h", null, "t", "", null).build());
    server.putRss(
        "/orphan.xml", Rss.channel("Orphan").item(run + "o", null, "t", "", null).build());
    server.putRss("/later.xml", Rss.channel("Later").item(run + "l", null, "t", "", null).build());
    long held = createPaused("/held.xml");
    long orphan = createPaused("/orphan.xml");
    lease(held, "other-live-instance", Instant.now().plus(Duration.ofHours(1)));
    lease(orphan, "dead-instance", Instant.now().minusSeconds(60));
    int heldBefore = server.requests("/held.xml");
    int orphanBefore = server.requests("/orphan.xml");

    resume(held);
    resume(orphan);

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> assertThat(server.requests("/orphan.xml")).isGreaterThan(orphanBefore));
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(status(orphan).getInt("itemsPublished")).isEqualTo(1));
    assertThat(status(orphan).getString("lastPolledBy")).isEqualTo("test-instance");
    // A feed registered afterwards is polled too: the scheduler went round again, and still
    // left alone the feed that another live instance holds.
    long later = create(server.url("/later.xml").toString());
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(status(later).getInt("itemsPublished")).isEqualTo(1));
    assertThat(server.requests("/held.xml")).isEqualTo(heldBefore);
    assertThat(status(held).getBoolean("enabled")).isTrue();
  }

  /** Created feeds are due at once: the scheduler may poll one before the pause lands. */
  private long createPaused(String path) {
    long id = create(server.url(path).toString());
    io.restassured.RestAssured.given().post("/feeds/{id}/pause", id).then().statusCode(200);
    return id;
  }

  private static void resume(long id) {
    io.restassured.RestAssured.given().post("/feeds/{id}/resume", id).then().statusCode(200);
  }

  private void lease(long id, String owner, Instant until) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                entityManager
                    .createNativeQuery(
                        "UPDATE feed SET lease_owner = ?1, lease_until = ?2 WHERE id = ?3")
                    .setParameter(1, owner)
                    .setParameter(2, until)
                    .setParameter(3, id)
                    .executeUpdate());
  }
}
