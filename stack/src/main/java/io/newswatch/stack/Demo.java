package io.newswatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.EventJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Shows NewsWatch at work on a running local stack: serves a small demo feed, subscribes to {@code
 * ISKP}, registers and polls the feed, and prints alerts as they arrive.
 */
final class Demo {

  private static final ObjectMapper JSON = EventJson.mapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final LocalStack stack;
  private final FeedServer feeds;
  private final PrintStream out;

  Demo(LocalStack stack, FeedServer feeds, PrintStream out) {
    this.stack = stack;
    this.feeds = feeds;
    this.out = out;
  }

  /** The demo feed: one story an ISKP subscription must catch, two it must not. */
  static String demoFeed() {
    return Rss.channel("NewsWatch demo desk")
        .item(
            "demo-1",
            "https://demo.newswatch.invalid/badakhshan",
            "ISIS-K fighters reported in Badakhshan",
            "Officials in Fayzabad say fighters of the group moved into two districts.",
            Instant.now())
        .item(
            "demo-2",
            "https://demo.newswatch.invalid/herat-wheat",
            "Wheat prices rise in Herat markets",
            "Traders expect a good harvest.",
            Instant.now())
        .item(
            "demo-3",
            "https://demo.newswatch.invalid/salang",
            "Snow closes the Salang pass",
            "Travellers are asked to wait for the road to be cleared.",
            Instant.now())
        .build();
  }

  /**
   * Creates a demo officer who subscribes; registers the demo feed as admin and polls it; prints
   * the officer's alerts until interrupted.
   */
  void run() throws IOException, InterruptedException {
    feeds.putRss("/demo.xml", demoFeed());
    URI alert = stack.service(Service.ALERT).baseUri();
    URI ingest = stack.service(Service.INGEST).baseUri();
    String admin = basic(stack.admin().username(), stack.admin().password());
    String officerPassword = "demo-" + UUID.randomUUID();
    post(
        alert.resolve("/users"),
        admin,
        "{\"username\": \"demo\", \"password\": \""
            + officerPassword
            + "\", \"role\": \"officer\"}");
    String officer = basic("demo", officerPassword);
    out.println("[newswatch] demo: officer 'demo' signs in with password " + officerPassword);
    JsonNode subscription =
        post(
            alert.resolve("/subscriptions"),
            officer,
            "{\"name\": \"ISKP watch\", \"query\": \"ISKP\"}");
    out.println("[newswatch] demo: subscribed to ISKP (" + subscription.path("id").asText() + ")");
    JsonNode feed =
        post(ingest.resolve("/feeds"), admin, "{\"url\": \"" + feeds.url("/demo.xml") + "\"}");
    out.println("[newswatch] demo: registered feed " + feeds.url("/demo.xml"));
    JsonNode poll =
        post(ingest.resolve("/feeds/" + feed.path("id").asLong() + "/refresh"), admin, null);
    out.println(
        "[newswatch] demo: polled the feed, "
            + poll.path("published").asInt()
            + " items published; waiting for alerts");
    Set<String> shown = new HashSet<>();
    while (!Thread.currentThread().isInterrupted()) {
      for (JsonNode item : get(alert.resolve("/alerts"), officer).path("items")) {
        if (shown.add(item.path("id").asText())) {
          out.printf(
              "[newswatch] ALERT %s  \"%s\"  matched %s  (%s)%n",
              item.path("severity").asText().toUpperCase(),
              item.path("title").asText(),
              item.path("matches").findValuesAsText("text"),
              item.path("url").asText());
        }
      }
      Thread.sleep(1000);
    }
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode post(URI uri, String authorization, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization);
    if (json == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request.build());
  }

  private static JsonNode get(URI uri, String authorization)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .GET()
            .build());
  }

  private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body());
  }
}
