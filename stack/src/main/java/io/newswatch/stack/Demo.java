package io.newswatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows NewsWatch at work on a running local stack: a watch officer subscribes to {@value #QUERY};
 * demo feeds built from the sample articles are registered and their items released one by one;
 * each release is polled at once, and alerts are printed as they arrive.
 */
final class Demo {

  /** The demo officer's subscription. */
  static final String QUERY = "ISKP OR Badakhshan";

  /** The demo officer's user name. */
  static final String OFFICER = "demo";

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Duration ALERT_POLL = Duration.ofMillis(500);

  private final LocalStack stack;
  private final FeedServer server;
  private final PrintStream out;
  private final Duration releaseInterval;
  private final Map<String, Instant> releasedAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> releasedAtByUrl = new ConcurrentHashMap<>();
  private final Map<String, String> sourceByUrl = new ConcurrentHashMap<>();

  /**
   * @param releaseInterval time between two releases: the demo lasts about 25 times this
   */
  Demo(LocalStack stack, FeedServer server, PrintStream out, Duration releaseInterval) {
    this.stack = stack;
    this.server = server;
    this.out = out;
    this.releaseInterval = releaseInterval;
  }

  /** Sets the demo up, releases every item, then prints alerts until interrupted. */
  void run() throws IOException, InterruptedException {
    URI alert = stack.service(Service.ALERT).baseUri();
    URI ingest = stack.service(Service.INGEST).baseUri();
    ApiClient admin = ApiClient.as(stack.admin());

    String officerPassword = "demo-" + UUID.randomUUID().toString().substring(0, 13);
    admin.post(
        alert.resolve("/users"),
        "{\"username\": \""
            + OFFICER
            + "\", \"password\": "
            + ApiClient.quote(officerPassword)
            + ", \"role\": \"officer\"}");
    ApiClient officer = ApiClient.as(OFFICER, officerPassword);
    say("watch officer '" + OFFICER + "' signs in with password " + officerPassword);
    officer.post(
        alert.resolve("/subscriptions"),
        "{\"name\": \"ISKP or Badakhshan\", \"query\": " + ApiClient.quote(QUERY) + "}");
    say("'" + OFFICER + "' subscribed to: " + QUERY);

    List<DemoFeeds.Feed> feeds = DemoFeeds.load();
    Map<String, Long> feedIds = new LinkedHashMap<>();
    for (DemoFeeds.Feed feed : feeds) {
      publish(feed);
      for (DemoFeeds.Item item : feed.items()) {
        server.put(item.articlePath(), "text/plain; charset=UTF-8", item.text() + "\n");
        sourceByUrl.put(url(item.articlePath()), feed.title());
      }
      JsonNode registered =
          admin.post(
              ingest.resolve("/feeds"),
              "{\"url\": "
                  + ApiClient.quote(url(feed.path()))
                  + ", \"name\": "
                  + ApiClient.quote(feed.title())
                  + ", \"pollIntervalSeconds\": 3600}");
      feedIds.put(feed.path(), registered.path("id").asLong());
    }
    List<DemoFeeds.Item> order = DemoFeeds.releaseOrder(feeds);
    say(
        String.format(
            "%d demo feeds from the sample articles at %s; releasing %d items, one every %s s",
            feeds.size(), url("/feeds/"), order.size(), releaseInterval.toMillis() / 1000.0));

    Thread alerts = new Thread(() -> printAlerts(alert, officer), "demo-alerts");
    alerts.setDaemon(true);
    alerts.start();
    try {
      int n = 0;
      for (DemoFeeds.Item item : order) {
        n++;
        Instant now = Instant.now();
        releasedAt.put(item.guid(), now);
        releasedAtByUrl.put(url(item.articlePath()), now);
        publish(feedOf(feeds, item));
        say(String.format("%2d/%d  %s: \"%s\"", n, order.size(), item.feedTitle(), item.title()));
        poll(ingest, admin, feedIds.get(item.feedPath()));
        Thread.sleep(releaseInterval.toMillis());
      }
      say(
          "all items released. Sign in to the APIs above (Swagger UI on alert-service) as admin"
              + " or as '"
              + OFFICER
              + "'; Ctrl-C stops NewsWatch.");
      alerts.join();
    } finally {
      alerts.interrupt();
    }
  }

  /** Serves a feed with the items released so far. */
  private void publish(DemoFeeds.Feed feed) {
    server.putRss(feed.path(), DemoFeeds.rss(feed, releasedAt, this::url));
  }

  /**
   * Polls a feed now. The scheduler may be polling it at the same moment, with the document from
   * before the release; then the refresh reports that poll, and one more finds the new item.
   */
  private void poll(URI ingest, ApiClient admin, long feedId)
      throws IOException, InterruptedException {
    URI refresh = ingest.resolve("/feeds/" + feedId + "/refresh");
    for (int attempt = 1; attempt <= 3; attempt++) {
      JsonNode report = admin.post(refresh, null);
      if (report.path("published").asInt() > 0) {
        return;
      }
      if (report.hasNonNull("error")) {
        say("poll of feed " + feedId + " failed: " + report.path("error").asText());
        return;
      }
      Thread.sleep(500);
    }
  }

  /** Prints the officer's new alerts, oldest first, until interrupted. */
  private void printAlerts(URI alert, ApiClient officer) {
    Set<String> shown = new HashSet<>();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        JsonNode page = officer.get(alert.resolve("/alerts?size=100"));
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
          if (shown.add(item.path("id").asText())) {
            fresh.add(0, item);
          }
        }
        for (JsonNode item : fresh) {
          out.println(
              describeAlert(
                  item,
                  releasedAtByUrl.get(item.path("url").asText("")),
                  sourceByUrl,
                  Instant.now()));
        }
        Thread.sleep(ALERT_POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        say("cannot read alerts: " + e.getMessage());
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /**
   * One terminal line for an alert: when, how severe, the story, what matched, where from, and how
   * long after its release it was stored.
   *
   * @param released when the item was released, or null when unknown
   * @param sourceByUrl feed titles by item URL, for alerts that do not name their source
   */
  static String describeAlert(
      JsonNode alert, Instant released, Map<String, String> sourceByUrl, Instant now) {
    StringBuilder line = new StringBuilder("[newswatch] ALERT ");
    line.append(LocalTime.ofInstant(now, ZoneId.systemDefault()).format(CLOCK));
    String severity = alert.path("severity").asText("");
    if (!severity.isEmpty()) {
      line.append(' ').append(severity.toUpperCase(java.util.Locale.ROOT));
    }
    line.append("  \"").append(alert.path("title").asText("(no title)")).append('"');
    Set<String> matched = new java.util.LinkedHashSet<>();
    alert.path("matches").forEach(match -> matched.add(match.path("text").asText()));
    matched.remove("");
    if (!matched.isEmpty()) {
      line.append("  matched ").append(String.join(", ", matched));
    }
    String url = alert.path("url").asText("");
    String source = alert.path("sourceName").asText("");
    if (source.isEmpty()) {
      source = sourceByUrl.getOrDefault(url, "");
    }
    if (!source.isEmpty()) {
      line.append("  (").append(source).append(')');
    }
    Instant arrived = now;
    if (alert.hasNonNull("createdAt")) {
      arrived = Instant.parse(alert.path("createdAt").asText());
    }
    if (released != null && !arrived.isBefore(released)) {
      line.append(
          String.format(
              java.util.Locale.ROOT,
              "  %.1f s after release",
              Duration.between(released, arrived).toMillis() / 1000.0));
    }
    if (!url.isEmpty()) {
      line.append("  ").append(url);
    }
    return line.toString();
  }

  private static DemoFeeds.Feed feedOf(List<DemoFeeds.Feed> feeds, DemoFeeds.Item item) {
    return feeds.stream()
        .filter(feed -> feed.path().equals(item.feedPath()))
        .findFirst()
        .orElseThrow();
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private void say(String message) {
    out.println("[newswatch] demo: " + message);
  }
}
