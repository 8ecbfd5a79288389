package io.newswatch.ingest.feed;

import static io.newswatch.ingest.testing.Feeds.create;
import static io.newswatch.ingest.testing.Feeds.refresh;
import static io.newswatch.ingest.testing.Feeds.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.events.EventJson;
import io.newswatch.events.ItemIds;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.ingest.testing.FeedServerPort;
import io.newswatch.security.Roles;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polling through the API against a local feed server, a real broker and a real database. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FeedServerPort.class)
class FeedPollingTest {

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
    long feedId = create(server.url("/rss.xml").toString());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .statusCode(200)
        .body("status", equalTo(200))
        .body("items", equalTo(2))
        .body("published", equalTo(2))
        .body("error", nullValue());

    List<ConsumerRecord<String, String>> records = recordsOf(feedId);
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(
            ItemIds.fromGuid(Long.toString(feedId), run + "-1"),
            ItemIds.fromGuid(Long.toString(feedId), run + "-2"));
    RawItem first =
        records.stream()
            .map(r -> EventJson.read(r.value(), RawItem.class))
            .filter(item -> item.url().equals("https://news.example.org/1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.title()).isEqualTo("ISIS-K fighters in Badakhshan");
    assertThat(first.summary()).isEqualTo("Details");
    assertThat(first.sourceName()).isEqualTo("Example Desk");
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-01-15T08:30:00Z"));

    // Second poll: the server answers 304 to our validators; nothing new is published.
    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .statusCode(200)
        .body("status", equalTo(304))
        .body("published", equalTo(0));
    assertThat(server.lastRequestHeader("/rss.xml", "If-None-Match")).isNotBlank();
    assertThat(recordsOf(feedId)).hasSize(2);
    assertThat(status(feedId).getInt("itemsPublished")).isEqualTo(2);
  }

  @Test
  void aChangedFeedPublishesOnlyItsNewItems() {
    Rss feed = Rss.channel("Growing").item(run + "-a", null, "First", "", null);
    server.putRss("/grow.xml", feed.build());
    long feedId = create(server.url("/grow.xml").toString());
    assertThat(refresh(feedId).getInt("published")).isEqualTo(1);

    server.putRss("/grow.xml", feed.item(run + "-b", null, "Second", "", null).build());

    JsonPath report = refresh(feedId);
    assertThat(report.getInt("items")).isEqualTo(2);
    assertThat(report.getInt("published")).isEqualTo(1);
    assertThat(report.getInt("alreadySeen")).isEqualTo(1);
    assertThat(recordsOf(feedId)).hasSize(2);
    assertThat(status(feedId).getInt("itemsPublished")).isEqualTo(2);
  }

  @Test
  void theSameGuidOnEveryPollGivesOneRecordEvenWhenTheItemIsEdited() {
    server.putRss("/edited.xml", Rss.channel("E").item(run, null, "Draft title", "", null).build());
    long feedId = create(server.url("/edited.xml").toString());
    refresh(feedId);

    server.putRss(
        "/edited.xml", Rss.channel("E").item(run, null, "Corrected title", "more", null).build());

    JsonPath report = refresh(feedId);
    assertThat(report.getInt("status")).isEqualTo(200);
    assertThat(report.getInt("published")).isZero();
    assertThat(recordsOf(feedId)).hasSize(1);
  }

  @Test
  void itemsWithoutGuidAreOneItemWhateverTrackingParametersTheirLinksCarry() {
    server.putRss(
        "/noguid.xml",
        Rss.channel("N")
            .item(null, "https://news.example.org/" + run + "?utm_source=rss", "T", "", null)
            .build());
    long feedId = create(server.url("/noguid.xml").toString());
    refresh(feedId);

    server.putRss(
        "/noguid.xml",
        Rss.channel("N")
            .item(null, "https://news.example.org/" + run + "?utm_source=mail#top", "T", "", null)
            .build());

    assertThat(refresh(feedId).getInt("published")).isZero();
    assertThat(recordsOf(feedId)).hasSize(1);
  }

  @Test
  void readsJsonFeedAndArabicScriptInWindows1256() {
    server.put(
        "/feed.json",
        "application/feed+json",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": ["
            + "{\"id\": \""
            + run
            + "\", \"title\": \"Kabul &amp; Herat\", \"content_text\": \"x\"}]}");
    String arabic = "\u0637\u0627\u0644\u0628\u0627\u0646";
    server.putBytes(
        "/dari.xml",
        "application/rss+xml; charset=windows-1256",
        Rss.channel("Dari")
            .item(run, null, arabic, "", null)
            .build()
            .replace("encoding=\"UTF-8\"", "encoding=\"windows-1256\"")
            .getBytes(Charset.forName("windows-1256")));
    long json = create(server.url("/feed.json").toString());
    long dari = create(server.url("/dari.xml").toString());

    assertThat(refresh(json).getInt("published")).isEqualTo(1);
    assertThat(refresh(dari).getInt("published")).isEqualTo(1);

    assertThat(titlesOf(json)).containsExactly("Kabul & Herat");
    assertThat(titlesOf(dari)).containsExactly(arabic);
  }

  @Test
  void aPermanentRedirectRewritesTheStoredUrl() {
    server.redirect("/moved.xml", 301, "/new-home.xml");
    server.putRss("/new-home.xml", Rss.channel("Moved").item(run, null, "t", "", null).build());
    long feedId = create(server.url("/moved.xml").toString());

    JsonPath report = refresh(feedId);

    assertThat(report.getString("movedTo")).isEqualTo(server.url("/new-home.xml").toString());
    assertThat(status(feedId).getString("url")).isEqualTo(server.url("/new-home.xml").toString());
    assertThat(recordsOf(feedId)).extracting(r -> r.value()).allMatch(v -> v.contains("new-home"));
  }

  @Test
  void aTemporaryRedirectKeepsTheStoredUrl() {
    server.redirect("/today.xml", 302, "/edition-42.xml");
    server.putRss("/edition-42.xml", Rss.channel("Today").build());
    long feedId = create(server.url("/today.xml").toString());

    assertThat(refresh(feedId).getInt("status")).isEqualTo(200);

    assertThat(status(feedId).getString("url")).isEqualTo(server.url("/today.xml").toString());
  }

  @Test
  void goneDisablesTheFeedSayingWhy() {
    server.status("/gone.xml", 410, Map.of());
    long feedId = create(server.url("/gone.xml").toString());

    assertThat(refresh(feedId).getInt("status")).isEqualTo(410);

    JsonPath feed = status(feedId);
    assertThat(feed.getBoolean("enabled")).isFalse();
    assertThat(feed.getString("disabledReason")).startsWith("HTTP 410 Gone");
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
    server.status("/busy.xml", 429, Map.of("Retry-After", "7200"));
    long feedId = create(server.url("/busy.xml").toString());

    JsonPath report = refresh(feedId);

    assertThat(report.getString("error")).isEqualTo("HTTP 429 Too Many Requests");
    Instant next = Instant.parse(report.getString("nextPollAt"));
    assertThat(next).isAfter(Instant.now().plus(Duration.ofMinutes(115)));
    assertThat(status(feedId).getInt("consecutiveFailures")).isEqualTo(1);
  }

  @Test
  void aServerErrorBacksOffAndTheNextSuccessResetsIt() {
    server.status("/flaky.xml", 500, Map.of());
    long feedId = create(server.url("/flaky.xml").toString());

    JsonPath failed = refresh(feedId);

    assertThat(failed.getString("error")).isEqualTo("HTTP 500 Internal Server Error");
    // Twice the five-minute interval, less a quarter of jitter at most.
    assertThat(Instant.parse(failed.getString("nextPollAt")))
        .isAfter(Instant.now().plus(Duration.ofMinutes(7)));
    assertThat(status(feedId).getBoolean("inBackoff")).isTrue();

    server.putRss("/flaky.xml", Rss.channel("Back").build());
    JsonPath recovered = refresh(feedId);

    assertThat(recovered.getString("error")).isNull();
    assertThat(Instant.parse(recovered.getString("nextPollAt")))
        .isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5));
    assertThat(status(feedId).getInt("consecutiveFailures")).isZero();
    assertThat(status(feedId).getBoolean("inBackoff")).isFalse();
  }

  @Test
  void aBodyThatDripsOneByteASecondHitsTheTimeout() {
    server.handle(
        "/drip.xml",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 30; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    long feedId = create(server.url("/drip.xml").toString());

    assertThat(refresh(feedId).getString("error")).isEqualTo("no complete answer within 5 s");
  }

  @Test
  void aGzipBombHitsTheSizeCapAndIsReported() throws IOException {
    byte[] bomb = gzippedZeros(40 * 1024 * 1024);
    server.handle(
        "/bomb.xml",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Encoding", "gzip");
          exchange.sendResponseHeaders(200, bomb.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bomb);
          } catch (IOException e) {
            // we hang up at the cap
          }
        });
    long feedId = create(server.url("/bomb.xml").toString());

    JsonPath report = refresh(feedId);

    assertThat(report.getBoolean("truncated")).isTrue();
    assertThat(report.getString("error"))
        .startsWith("the feed is larger than 10485760 bytes and was cut off there");
  }

  @Test
  void billionLaughsAndAnExternalEntityAreRefusedAndTheCanaryHearsNothing() {
    String canary = server.url("/canary").toString();
    server.put(
        "/laughs.xml",
        "application/rss+xml",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
            + "<rss version=\"2.0\"><channel><title>&e;&e;&e;&e;</title></channel></rss>");
    server.put(
        "/xxe.xml",
        "application/rss+xml",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY ext SYSTEM \""
            + canary
            + "\">]><rss version=\"2.0\"><channel><title>&ext;</title></channel></rss>");
    long laughs = create(server.url("/laughs.xml").toString());
    long xxe = create(server.url("/xxe.xml").toString());

    assertThat(refresh(laughs).getString("error")).contains("DOCTYPE declarations are not allowed");
    assertThat(refresh(xxe).getString("error")).contains("DOCTYPE declarations are not allowed");

    assertThat(server.requests("/canary")).isZero();
    assertThat(recordsOf(laughs)).isEmpty();
  }

  @Test
  void anHtmlPageOrTruncatedXmlMarksTheFeedErroredWithAClearMessage() {
    server.put("/page.html", "text/html", "<!DOCTYPE html><html><body>not a feed</body></html>");
    server.putRss(
        "/cut.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut</title><item>");
    long page = create(server.url("/page.html").toString());
    long cut = create(server.url("/cut.xml").toString());

    assertThat(refresh(page).getString("error"))
        .isEqualTo("not a feed: the server sent an HTML page");
    assertThat(refresh(cut).getString("error"))
        .startsWith("not a readable RSS or Atom feed: malformed XML at line 1");

    JsonPath feed = status(page);
    assertThat(feed.getInt("consecutiveFailures")).isEqualTo(1);
    assertThat(feed.getString("lastError")).isEqualTo("not a feed: the server sent an HTML page");
  }

  @Test
  void aMissingFeedIsRecordedWithItsHttpStatus() {
    long feedId = create(server.url("/absent.xml").toString());

    given()
        .post("/feeds/{id}/refresh", feedId)
        .then()
        .body("status", equalTo(404))
        .body("error", equalTo("HTTP 404 Not Found"));
  }

  @Test
  void aRedirectToAnotherLoopbackPortIsRefusedAtConnectAndThatPortHearsNothing() {
    try (FeedServer inside = FeedServer.start()) {
      inside.put("/admin", "text/plain", "internal");
      server.redirect("/hop.xml", 302, inside.url("/admin").toString());
      long feedId = create(server.url("/hop.xml").toString());

      JsonPath report = refresh(feedId);

      assertThat(report.getString("error"))
          .isEqualTo("redirect refused: target must use port 80 or 443");
      assertThat(report.get("status") == null).isTrue();
      assertThat(inside.requests("/admin")).isZero();
    }
  }

  @Test
  void refreshingAnUnknownFeedIs404() {
    given()
        .post("/feeds/999999/refresh")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("feed 999999 not found"));
  }

  @Test
  void metricsCountFetchesByOutcomeAndPublishedItems() {
    server.putRss("/metered.xml", Rss.channel("M").item(run, null, "t", "", null).build());
    long feedId = create(server.url("/metered.xml").toString());
    refresh(feedId);
    refresh(feedId);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("newswatch_ingest_fetches_total{outcome=\"ok\"}"))
        .body(containsString("newswatch_ingest_fetches_total{outcome=\"not_modified\"}"))
        .body(containsString("newswatch_ingest_items_published_total"))
        .body(containsString("newswatch_ingest_fetch_duration_seconds_count"))
        .body(containsString("newswatch_ingest_fetches_not_modified_ratio"))
        .body(containsString("newswatch_ingest_feeds_backoff"));
  }

  @Test
  void readinessChecksTheDatabaseAndKafka() {
    List<String> checks =
        given()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("checks.name");

    assertThat(checks)
        .contains("Database connections health check", "Kafka connection health check");
  }

  private List<String> titlesOf(long feedId) {
    return recordsOf(feedId).stream()
        .map(r -> EventJson.read(r.value(), RawItem.class).title())
        .toList();
  }

  private List<ConsumerRecord<String, String>> recordsOf(long feedId) {
    String prefix = server.url("/").toString();
    return TopicReader.snapshot(
        SharedServers.kafkaBootstrapServers(),
        Topics.RAW_ITEMS,
        r -> {
          RawItem item = EventJson.read(r.value(), RawItem.class);
          return item.feedUrl().startsWith(prefix) && item.feedId().equals(Long.toString(feedId));
        });
  }

  private static byte[] gzippedZeros(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[64 * 1024];
      for (int written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }
}
