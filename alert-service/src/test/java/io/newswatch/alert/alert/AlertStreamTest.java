package io.newswatch.alert.alert;

import static io.newswatch.alert.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.alert.TestUsers;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The live stream over real HTTP: Server-Sent Events as they happen, and resuming after a gap. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AlertStreamTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/alerts/stream")
  URI stream;

  /** One event read off the stream. */
  record Event(String id, String name, String data) {}

  /** A connected stream that collects events and comments on a thread of its own. */
  static final class Stream implements AutoCloseable {
    final List<Event> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    final HttpResponse<java.io.InputStream> response;
    final Thread reader;

    Stream(URI uri, String user, String lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .header("Accept", "text/event-stream")
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(
                              (user + ":" + TestUsers.passwordOf(user))
                                  .getBytes(StandardCharsets.UTF_8)));
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String id = null;
                  String name = null;
                  StringBuilder data = new StringBuilder();
                  for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(":")) {
                      synchronized (this) {
                        comments.add(line.substring(1).strip());
                      }
                    } else if (line.startsWith("id:")) {
                      id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                      name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                      synchronized (this) {
                        events.add(new Event(id, name, data.toString()));
                      }
                      id = null;
                      name = null;
                      data.setLength(0);
                    }
                  }
                } catch (Exception e) {
                  // closed
                }
              },
              "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    synchronized List<Event> events() {
      return List.copyOf(events);
    }

    synchronized List<String> comments() {
      return List.copyOf(comments);
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }

  @Test
  void aConsoleSeesItsAlertsAsTheyHappenAndAfterReconnectingWhatItMissed() throws Exception {
    String officer = TestUsers.newOfficer();
    String other = TestUsers.newOfficer();
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String mine = subscribe(officer, "ISKP " + marker);
    subscribe(other, "ISKP " + marker);

    String lastSeen;
    try (Stream live = new Stream(stream, officer, null)) {
      assertThat(live.response.statusCode()).isEqualTo(200);
      assertThat(live.response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      ClassifiedItem first = item("ISKP first " + marker);
      send(first);
      await().atMost(Duration.ofSeconds(30)).until(() -> live.events().size() == 1);
      Event event = live.events().get(0);
      assertThat(event.name()).isEqualTo("alert");
      JsonPath alert = new JsonPath(event.data());
      assertThat(alert.getString("itemId")).isEqualTo(first.id());
      assertThat(alert.getString("title")).isEqualTo(first.item().title());
      lastSeen = event.id();
      // Quiet streams get keep-alive comments (every second in tests).
      await().atMost(Duration.ofSeconds(10)).until(() -> live.comments().contains("keep-alive"));
    }

    ClassifiedItem second = item("ISKP second " + marker);
    ClassifiedItem third = item("ISKP third " + marker);
    send(second);
    send(third);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> as(officer).get("/alerts").then().extract().<Integer>path("total") == 3);

    try (Stream resumed = new Stream(stream, officer, lastSeen)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> resumed.events().size() == 2);
      List<Event> events = resumed.events();
      assertThat(events)
          .extracting(e -> new JsonPath(e.data()).getString("itemId"))
          .containsExactly(second.id(), third.id());
      assertThat(Long.parseLong(events.get(0).id())).isGreaterThan(Long.parseLong(lastSeen));
      assertThat(Long.parseLong(events.get(1).id()))
          .isGreaterThan(Long.parseLong(events.get(0).id()));
      // Only the caller's alerts: the other officer's three alerts of the same items are not here.
      assertThat(events)
          .extracting(e -> new JsonPath(e.data()).getString("subscriptionId"))
          .containsOnly(mine);
    }
  }

  @Test
  void theStreamNeedsCredentialsAndAValidLastEventId() throws Exception {
    HttpResponse<String> anonymous =
        HTTP.send(HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    String officer = TestUsers.newOfficer();
    HttpResponse<String> invalid =
        HTTP.send(
            HttpRequest.newBuilder(stream)
                .header("Last-Event-ID", "yesterday")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (officer + ":" + TestUsers.passwordOf(officer))
                                    .getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("Last-Event-ID");
  }

  private static String subscribe(String user, String query) {
    return as(user, TestUsers.passwordOf(user))
        .contentType(ContentType.JSON)
        .body("{\"name\": \"stream\", \"query\": \"" + query + "\"}")
        .post("/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static ClassifiedItem item(String title) {
    return Fixtures.classified(
        Fixtures.rawItem(title), Severity.PRIORITY, Fixtures.iskpInTitle(0, 4, "ISKP"));
  }

  private static void send(ClassifiedItem item) {
    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
  }
}
