package io.newswatch.system.scale;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.stack.LocalStack;
import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import io.newswatch.stack.testing.ConsumerLag;
import io.newswatch.stack.testing.TopicReader;
import io.newswatch.system.Officers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scaling and faults on the local stack: two classify-service and two alert-service processes share
 * the partitions of their consumer groups while 5,000 raw items stream into {@code
 * newswatch.items.raw}; one instance of each is killed ({@code kill -9}) mid-stream. Every alert
 * the items call for must then exist exactly once, no other alert may exist, every alert's event
 * must be published, and both consumer groups must catch up (lag 0) on the survivors.
 *
 * <p>The expected alerts are known exactly: every subscription looks for a made-up marker word that
 * occurs nowhere else, and the items name markers, in the title or the summary, and the Islamic
 * State Khorasan Province, by a set rule. Each item is a story of its own: its own link, and a text
 * too short for a text fingerprint, so that no two items are taken for copies of one story and each
 * matching (subscription, item) pair is one alert. (Copies of one story arriving at two instances
 * at once are {@code AlertExactlyOnceIT}'s subject; here the text fingerprint would only slow
 * alert-service down, since its candidate search grows with the items received.)
 *
 * <p>Each stage loses its instance while it is in the middle of the stream: classify-service after
 * 1,500 items were classified (the generator is still sending), alert-service after 1,500 were
 * stored. A killed member keeps its partitions until its session times out (15 s for alert-service,
 * Kafka's 45 s for classify-service), then the survivor takes them over from the last committed
 * offsets, and what the killed one had done but not committed is done again.
 *
 * <p>The second alert-service instance is the one killed: the first is the user directory the other
 * services check credentials with.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScaleFaultIT {

  private static final int ITEMS = 5_000;

  /** Items stored by alert-service when the two instances are killed. */
  private static final int KILL_AFTER = 1_500;

  /** Items sent per second: the stream lasts about 20 s, so the kills fall well within it. */
  private static final int SEND_RATE = 250;

  private static final Duration WITHIN = Duration.ofMinutes(3);
  private static final String CLASSIFIED = "newswatch_classify_duration_seconds_count";
  private static final String MATCHED = "newswatch_alert_match_duration_seconds_count";
  private static final String OFFICER = "scale-officer";
  private static final String OFFICER_PASSWORD = "scale-officer-password";

  /**
   * Markers: words no generated text contains (it has no x nor q). Subscription k looks for
   * MARKERS[k], as a plain term, with the ISKP concept, or in the title only.
   */
  private static final String[] MARKERS = {
    "qxalpha", "qxbravo", "qxcharlie", "qxdelta", "qxecho", "qxfoxtrot",
    "qxgolf", "qxhotel", "qxindia", "qxjuliett", "qxkilo", "qxlima"
  };

  private static final String ISKP = "Islamic State Khorasan Province";

  /** What a subscription asks for, and which items it must alert on. */
  private enum Kind {
    /** The marker anywhere. */
    TERM,
    /** The marker in an item that the classifier tagged with the actor ISKP. */
    ISKP_CONCEPT,
    /** The marker in the title. */
    TITLE;

    static Kind of(int marker) {
      return marker < 8 ? TERM : marker < 10 ? ISKP_CONCEPT : TITLE;
    }

    String query(String marker) {
      return switch (this) {
        case TERM -> marker;
        case ISKP_CONCEPT -> "actor:ISKP " + marker;
        case TITLE -> "title:" + marker;
      };
    }
  }

  /** One generated item and the facts the expected alerts follow from. */
  private record Generated(RawItem item, Set<Integer> markers, boolean inTitle, boolean iskp) {

    boolean alerts(int marker) {
      if (!markers.contains(marker)) {
        return false;
      }
      return switch (Kind.of(marker)) {
        case TERM -> true;
        case ISKP_CONCEPT -> iskp;
        case TITLE -> inTitle;
      };
    }
  }

  /** An alert as (subscription marker, item id). */
  private record Pair(String marker, String itemId) {
    @Override
    public String toString() {
      return marker + "/" + itemId;
    }
  }

  private static LocalStack stack;

  @BeforeAll
  static void startTwoInstancesOfClassifyAndAlert() {
    stack =
        LocalStack.builder(Path.of(System.getProperty("newswatch.root", "..")))
            .logDirectory(
                Path.of(System.getProperty("newswatch.logs", "target/stack-logs")).resolve("scale"))
            .port(Service.INGEST, 0)
            .port(Service.CLASSIFY, 0)
            .port(Service.ALERT, 0)
            .instances(Service.CLASSIFY, 2)
            .instances(Service.ALERT, 2)
            // No feeds here: the test writes raw items itself.
            .environment("NEWSWATCH_INGEST_SCHEDULER_ENABLED", "false")
            .progress(message -> System.out.println("[scale] " + message))
            .start();
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoInstancesEachWithOneKilledMidStreamStoreEveryExpectedAlertExactlyOnce() throws Exception {
    long began = System.nanoTime();
    ServiceProcess directory = stack.instances(Service.ALERT).get(0);
    ServiceProcess alertVictim = stack.instances(Service.ALERT).get(1);
    ServiceProcess classifyVictim = stack.instances(Service.CLASSIFY).get(1);

    createOfficer(directory);
    Map<String, String> subscriptionMarkers = new HashMap<>();
    for (int k = 0; k < MARKERS.length; k++) {
      String id = subscribe(directory, "scale " + MARKERS[k], Kind.of(k).query(MARKERS[k]));
      subscriptionMarkers.put(id, MARKERS[k]);
    }
    for (ServiceProcess alert : stack.instances(Service.ALERT)) {
      await("subscriptions indexed on " + alert.name())
          .atMost(WITHIN)
          .until(() -> indexedSubscriptions(alert) == MARKERS.length);
    }

    List<Generated> items = generate(ITEMS, new Random(20260115));
    Set<Pair> expected = new LinkedHashSet<>();
    for (Generated generated : items) {
      for (int k = 0; k < MARKERS.length; k++) {
        if (generated.alerts(k)) {
          expected.add(new Pair(MARKERS[k], generated.item().id()));
        }
      }
    }
    System.out.printf("[scale] %d items, %d expected alerts%n", ITEMS, expected.size());

    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> sender =
        CompletableFuture.runAsync(() -> send(items, sent), ScaleFaultIT::startThread);
    Thread progress = startThread(() -> printProgress(sent, began));
    try {
      // Each stage loses an instance while it is in the middle of the stream.
      await("the first " + KILL_AFTER + " items classified")
          .atMost(WITHIN)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> classified() >= KILL_AFTER);
      killMidStream(classifyVictim, CLASSIFIED, classified(), "classified", sent);
      await("the first " + KILL_AFTER + " items stored by alert-service")
          .atMost(WITHIN)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> receivedItems() >= KILL_AFTER);
      killMidStream(alertVictim, MATCHED, receivedItems(), "stored", sent);

      sender.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      ConsumerLag.awaitZero(kafka(), "newswatch-classify", Topics.RAW_ITEMS, WITHIN);
      ConsumerLag.awaitZero(kafka(), "newswatch-alert", Topics.CLASSIFIED_ITEMS, WITHIN);
    } finally {
      progress.interrupt();
    }
    System.out.printf(
        "[scale] both groups caught up %.1f s after the start of the test%n",
        (System.nanoTime() - began) / 1e9);

    assertThat(receivedItems()).as("items alert-service received, each once").isEqualTo(ITEMS);
    List<Pair> stored = new ArrayList<>();
    Map<String, Pair> storedById = new HashMap<>();
    try (Connection db = alertDatabase();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, subscription_id, item_id FROM alert")) {
      while (rows.next()) {
        Pair pair =
            new Pair(
                subscriptionMarkers.get(rows.getString("subscription_id")),
                rows.getString("item_id"));
        stored.add(pair);
        storedById.put(rows.getString("id"), pair);
      }
    }
    Set<Pair> missing = new TreeSet<>(Comparator.comparing(Pair::toString));
    missing.addAll(expected);
    stored.forEach(missing::remove);
    Set<Pair> unexpected = new TreeSet<>(Comparator.comparing(Pair::toString));
    unexpected.addAll(stored);
    unexpected.removeAll(expected);
    Set<Pair> distinct = new HashSet<>();
    List<Pair> duplicates = stored.stream().filter(pair -> !distinct.add(pair)).toList();
    assertThat(missing).as("expected alerts (marker/item) that were not stored").isEmpty();
    assertThat(unexpected).as("alerts stored that no item called for").isEmpty();
    assertThat(duplicates).as("alerts stored more than once").isEmpty();
    assertThat(stored).hasSize(expected.size());

    // What the officer sees over REST agrees with the table.
    int total =
        asOfficer()
            .baseUri(directory.baseUri().toString())
            .get("/alerts?size=1")
            .then()
            .statusCode(200)
            .extract()
            .path("total");
    assertThat(total).as("total of GET /alerts").isEqualTo(expected.size());

    // Every alert's event is published from the alert stream (at least once: a kill may publish one
    // twice).
    await("an event for every stored alert on " + Topics.ALERTS)
        .atMost(WITHIN)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, Pair> published = new HashMap<>();
              for (var record : TopicReader.snapshot(kafka(), Topics.ALERTS)) {
                AlertEvent event = EventJson.read(record.value(), AlertEvent.class);
                published.put(
                    event.alertId(),
                    new Pair(subscriptionMarkers.get(event.subscriptionId()), event.item().id()));
              }
              assertThat(published)
                  .as("alerts published to %s (id -> marker/item)", Topics.ALERTS)
                  .isEqualTo(storedById);
            });
    assertThat(TopicReader.snapshot(kafka(), Topics.RAW_ITEMS_DEAD_LETTER))
        .as("records classify-service gave up on")
        .isEmpty();
    assertThat(TopicReader.snapshot(kafka(), Topics.CLASSIFIED_ITEMS_DEAD_LETTER))
        .as("records alert-service gave up on")
        .isEmpty();
    System.out.printf(
        "[scale] %d alerts exactly once; done %.1f s after the start of the test%n",
        stored.size(), (System.nanoTime() - began) / 1e9);
  }

  // --- items ------------------------------------------------------------------------------------

  /**
   * The items, deterministic for a seed. Every 13th names no marker; the others name the marker of
   * their number modulo 12, and every 7th a second one; every 3rd names ISKP. Markers go in the
   * title of even items and in the summary of odd ones.
   */
  private static List<Generated> generate(int count, Random random) {
    List<Generated> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Set<Integer> markers = new TreeSet<>();
      if (i % 13 != 0) {
        markers.add(i % MARKERS.length);
        if (i % 7 == 0) {
          markers.add((i * 5 + 3) % MARKERS.length);
        }
      }
      boolean inTitle = i % 2 == 0;
      boolean iskp = i % 3 == 0;
      StringBuilder named = new StringBuilder();
      markers.forEach(k -> named.append(' ').append(MARKERS[k]));
      // Fewer than 12 words: too short for a text fingerprint, so only the link makes the story.
      String title =
          (iskp ? ISKP + " fighters near " : "Officials report ")
              + madeUpWords(random, 1)
              + (inTitle ? named.toString() : "");
      String summary = madeUpWords(random, 1) + (inTitle ? "" : named.toString()) + ".";
      String id = new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
      Instant now = Instant.now();
      RawItem item =
          RawItem.of(
              id,
              "scale-" + (i % 20),
              "https://feed" + (i % 20) + ".example.org/rss",
              "Scale feed " + (i % 20),
              "https://scale.example.org/" + i + "/" + id,
              title,
              summary,
              "",
              "en",
              now,
              now,
              List.of());
      items.add(new Generated(item, markers, inTitle, iskp));
    }
    return items;
  }

  private static final String[] CONSONANTS = {"b", "d", "f", "g", "l", "m", "n", "p", "r", "t"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u"};

  /** Words of three or four syllables that no language has: 150,000 of them, without x or q. */
  private static String madeUpWords(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < count; w++) {
      if (w > 0) {
        text.append(' ');
      }
      int syllables = 3 + random.nextInt(2);
      for (int s = 0; s < syllables; s++) {
        text.append(CONSONANTS[random.nextInt(CONSONANTS.length)])
            .append(VOWELS[random.nextInt(VOWELS.length)]);
      }
    }
    return text.toString();
  }

  /** Sends the items at {@link #SEND_RATE} per second, waiting for every acknowledgement. */
  private static void send(List<Generated> items, AtomicInteger sent) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<?>> acknowledged = new ArrayList<>();
      long start = System.nanoTime();
      for (Generated generated : items) {
        long due = start + sent.get() * 1_000_000_000L / SEND_RATE;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        RawItem item = generated.item();
        acknowledged.add(
            producer.send(
                new ProducerRecord<>(Topics.RAW_ITEMS, item.id(), EventJson.writeString(item))));
        sent.incrementAndGet();
      }
      for (var future : acknowledged) {
        future.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending items", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not send the items", e);
    }
  }

  /**
   * Kills an instance ({@code kill -9}) after checking that it has been working and that its stage
   * has not finished the stream yet.
   */
  private static void killMidStream(
      ServiceProcess victim, String metric, double done, String what, AtomicInteger sent) {
    assertThat(processed(victim, metric))
        .as("items %s processed before it is killed", victim.name())
        .isPositive();
    assertThat(done).as("items %s when %s is killed", what, victim.name()).isLessThan(ITEMS);
    victim.kill();
    assertThat(victim.isAlive()).as("%s after kill -9", victim.name()).isFalse();
    System.out.printf(
        "[scale] killed %s (kill -9) with %d of %d items sent, %.0f %s%n",
        victim.name(), sent.get(), ITEMS, done, what);
  }

  /** Items classified so far by the classify-service instances alive. */
  private static double classified() {
    double classified = 0;
    for (ServiceProcess classify : stack.instances(Service.CLASSIFY)) {
      if (classify.isAlive()) {
        classified += processed(classify, CLASSIFIED);
      }
    }
    return classified;
  }

  private static Thread startThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "scale-test");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Every 5 s until interrupted: how far the items got, for the log of a slow or failed run. */
  private static void printProgress(AtomicInteger sent, long began) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(5000);
        System.out.printf(
            "[scale] %5.1f s: %d sent, %.0f classified by the live instances, %d stored%n",
            (System.nanoTime() - began) / 1e9, sent.get(), classified(), receivedItems());
      }
    } catch (InterruptedException e) {
      // the test is done
    } catch (Exception e) {
      System.out.println("[scale] progress unknown: " + e);
    }
  }

  // --- the stack --------------------------------------------------------------------------------

  private static void createOfficer(ServiceProcess directory) {
    Officers.create(
        directory.baseUri(),
        stack.admin().username(),
        stack.admin().password(),
        OFFICER,
        OFFICER_PASSWORD);
  }

  private static String subscribe(ServiceProcess instance, String name, String query) {
    return asOfficer()
        .baseUri(instance.baseUri().toString())
        .contentType(ContentType.JSON)
        .body("{\"name\": \"" + name + "\", \"query\": \"" + query + "\"}")
        .post("/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static int indexedSubscriptions(ServiceProcess instance) {
    return given()
        .baseUri(instance.baseUri().toString())
        .get("/q/health/ready")
        .then()
        .extract()
        .jsonPath()
        .getInt("checks.find { it.name == 'Subscription index' }.data.subscriptions");
  }

  /** The sum of a counter in one instance's Prometheus metrics. */
  private static double processed(ServiceProcess instance, String metric) {
    String body =
        given()
            .baseUri(instance.baseUri().toString())
            .get("/q/metrics")
            .then()
            .extract()
            .asString();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static long receivedItems() throws SQLException {
    try (Connection db = alertDatabase();
        Statement statement = db.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM received_item")) {
      count.next();
      return count.getLong(1);
    }
  }

  private static Connection alertDatabase() throws SQLException {
    return DriverManager.getConnection(
        stack.infrastructure().postgres().jdbcUrl(Service.ALERT.database()),
        PostgresServer.USER,
        "");
  }

  private static String kafka() {
    return stack.infrastructure().kafka().bootstrapServers();
  }

  private static RequestSpecification asOfficer() {
    return given().auth().preemptive().basic(OFFICER, OFFICER_PASSWORD);
  }
}
