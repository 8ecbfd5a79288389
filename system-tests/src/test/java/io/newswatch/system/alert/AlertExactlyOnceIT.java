package io.newswatch.system.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.FreePorts;
import io.newswatch.stack.Infrastructure;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import io.newswatch.stack.testing.ConsumerLag;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.TopicReader;
import io.newswatch.system.Officers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two alert-service processes share one database and the partitions of the classified items: copies
 * of one story from three feeds, processed at the same moment by both, give one alert with three
 * sources; an instance killed ({@code kill -9}) and restarted while items stream in loses and
 * duplicates no alert, and every alert's event reaches the alerts topic.
 */
class AlertExactlyOnceIT {

  private static final Duration WITHIN = Duration.ofSeconds(180);
  private static final String ADMIN_PASSWORD = "exactly-once-admin-password";
  private static final String OFFICER = "watch";
  private static final String OFFICER_PASSWORD = "watch-officer-password";

  private static Infrastructure infrastructure;
  private static Path root;
  private static Path logs;
  private static ServiceProcess first;
  private static ServiceProcess second;

  @BeforeAll
  static void startTwoInstances() {
    infrastructure = Infrastructure.start(null);
    root = Path.of(System.getProperty("newswatch.root", ".."));
    logs = Path.of(System.getProperty("newswatch.logs", "target/stack-logs"));
    first = start("alert-a").awaitReady(WITHIN);
    second = start("alert-b").awaitReady(WITHIN);
    Officers.create(first.baseUri(), "admin", ADMIN_PASSWORD, OFFICER, OFFICER_PASSWORD);
  }

  private static ServiceProcess start(String name) {
    Map<String, String> environment =
        new LinkedHashMap<>(infrastructure.environmentFor(Service.ALERT));
    environment.put("NEWSWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    return ServiceProcess.start(
        name,
        root.resolve("alert-service/target/quarkus-app"),
        FreePorts.pick(),
        environment,
        List.of("-Xmx256m"),
        logs.resolve(name + ".log"));
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable running : new AutoCloseable[] {first, second, infrastructure}) {
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
  void copiesOfOneStoryFromThreeFeedsAtTheSameMomentGiveOneAlertWithThreeSources() {
    String marker = marker();
    String subscription = subscribe(first, "ISKP " + marker);
    awaitSubscriptionOn(second);
    Random random = new Random(7);
    List<ClassifiedItem> copies = new ArrayList<>();
    String[] datelines = {"", "KABUL (Reuters) - ", "(AP) "};
    for (int story = 0; story < 20; story++) {
      String body = words(random, 30);
      for (int feed = 0; feed < 3; feed++) {
        copies.add(
            item(
                String.valueOf(100 + feed),
                "ISKP fighters " + marker + " report " + story,
                datelines[feed] + body,
                "https://feed" + feed + ".example.org/" + marker + "/" + story));
      }
    }

    sendAll(copies);
    awaitCaughtUp();

    JsonPath alerts = alerts(first, subscription);
    assertThat(alerts.getInt("total")).isEqualTo(20);
    for (int i = 0; i < 20; i++) {
      assertThat(alerts.getList("items[" + i + "].sources.feedId"))
          .containsExactlyInAnyOrder("100", "101", "102");
    }
  }

  @Test
  void anInstanceKilledAndRestartedMidStreamLosesAndDuplicatesNoAlert() throws Exception {
    String marker = marker();
    String subscription = subscribe(second, "ISKP " + marker);
    awaitSubscriptionOn(first);
    List<ClassifiedItem> items = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Titles only (too short for a text fingerprint) and distinct links: 300 stories.
      items.add(
          item(
              "200",
              "ISKP " + marker + " item " + i,
              "",
              "https://stream.example.org/" + marker + "/" + i));
    }

    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < items.size(); i += 10) {
                sendAll(items.subList(i, i + 10));
                sleep(Duration.ofMillis(100));
              }
            },
            "item-sender");
    sender.start();
    await().atMost(WITHIN).until(() -> alerts(second, subscription).getInt("total") >= 60);
    first.kill();
    sleep(Duration.ofSeconds(2));
    first = start("alert-a-restarted").awaitReady(WITHIN);
    sender.join(WITHIN.toMillis());
    awaitCaughtUp();

    JsonPath alerts = alerts(first, subscription);
    assertThat(alerts.getInt("total")).isEqualTo(300);
    List<String> itemIds = new ArrayList<>();
    for (int page = 0; page < 2; page++) {
      itemIds.addAll(alerts(first, subscription, page).getList("items.itemId"));
    }
    assertThat(new HashSet<>(itemIds))
        .hasSize(300)
        .isEqualTo(new HashSet<>(items.stream().map(ClassifiedItem::id).toList()));
    Set<String> alertIds = new HashSet<>();
    for (int page = 0; page < 2; page++) {
      alertIds.addAll(alerts(first, subscription, page).getList("items.id"));
    }
    // Every alert's event is published (at least once; a crash may publish one twice).
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              Set<String> published = new HashSet<>();
              TopicReader.snapshot(kafka(), Topics.ALERTS).stream()
                  .map(r -> EventJson.read(r.value(), AlertEvent.class))
                  .filter(e -> e.subscriptionId().equals(subscription))
                  .forEach(e -> published.add(e.alertId()));
              assertThat(published).isEqualTo(alertIds);
            });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String marker() {
    return "m" + UUID.randomUUID().toString().replace("-", "");
  }

  private static ClassifiedItem item(String feed, String title, String summary, String url) {
    RawItem raw = Fixtures.fromFeed(feed, url, title, summary, Instant.now());
    return Fixtures.classified(raw, Severity.PRIORITY, Fixtures.iskpInTitle(0, 4, "ISKP"));
  }

  private static String words(Random random, int count) {
    String[] vocabulary = {
      "checkpoint",
      "convoy",
      "officials",
      "police",
      "district",
      "governor",
      "night",
      "village",
      "market",
      "road",
      "bridge",
      "school",
      "clinic",
      "elders",
      "province",
      "fighters",
      "border",
      "traders",
      "soldiers",
      "residents",
      "spokesman",
      "statement",
      "wounded",
      "killed",
      "talks",
      "delegation",
      "river",
      "valley",
      "airport",
      "hospital",
      "mosque",
      "commander",
      "patrol"
    };
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
    }
    return text.toString().strip() + ".";
  }

  private static void sendAll(List<ClassifiedItem> items) {
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka(), ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ClassifiedItem item : items) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item))));
      }
      for (Future<RecordMetadata> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not send items", e);
    }
  }

  private static String subscribe(ServiceProcess instance, String query) {
    return asOfficer()
        .baseUri(instance.baseUri().toString())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"exactly once\", \"query\": \"" + query + "\"}")
        .post("/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Waits until the other instance's index has every subscription change made so far. */
  private static void awaitSubscriptionOn(ServiceProcess instance) {
    long target = Math.max(revision(first), revision(second));
    long start = System.nanoTime();
    await().atMost(WITHIN).until(() -> revision(instance) >= target);
    System.out.printf(
        "[exactly-once] subscription change reached %s after %d ms%n",
        instance.name(), (System.nanoTime() - start) / 1_000_000);
  }

  private static long revision(ServiceProcess instance) {
    return given()
        .baseUri(instance.baseUri().toString())
        .get("/q/health/ready")
        .then()
        .extract()
        .jsonPath()
        .getLong("checks.find { it.name == 'Subscription index' }.data.revision");
  }

  private static JsonPath alerts(ServiceProcess instance, String subscription) {
    return alerts(instance, subscription, 0);
  }

  private static JsonPath alerts(ServiceProcess instance, String subscription, int page) {
    return asOfficer()
        .baseUri(instance.baseUri().toString())
        .get("/alerts?subscriptionId={s}&size=200&page={p}", subscription, page)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void awaitCaughtUp() {
    ConsumerLag.awaitZero(kafka(), "newswatch-alert", Topics.CLASSIFIED_ITEMS, WITHIN);
  }

  private static String kafka() {
    return infrastructure.kafka().bootstrapServers();
  }

  private static RequestSpecification asOfficer() {
    return given().auth().preemptive().basic(OFFICER, OFFICER_PASSWORD);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
