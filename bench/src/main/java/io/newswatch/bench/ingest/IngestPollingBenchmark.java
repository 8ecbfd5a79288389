package io.newswatch.bench.ingest;

import io.newswatch.stack.FeedServer;
import io.newswatch.stack.FreePorts;
import io.newswatch.stack.Infrastructure;
import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.Rss;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load benchmark of feed polling: one packaged ingest-service process, a local server with 10,000
 * feeds, a real broker and database. Prints feeds polled per minute, the service's CPU use and its
 * peak memory, for a cold round (every feed answers 200 and publishes an item) and a warm round
 * (every feed is due at once, 95 % answer 304 Not Modified, 5 % carry one new item).
 *
 * <p>Run after {@code ./mvnw -B package -DskipTests}, from the project root: {@code java -cp
 * bench/target/newswatch-bench.jar io.newswatch.bench.ingest.IngestPollingBenchmark [--feeds N]
 * [--changed PERCENT] [--root DIR]}. It stops everything it started when done.
 */
public final class IngestPollingBenchmark {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration ROUND_LIMIT = Duration.ofMinutes(15);

  private IngestPollingBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The JDK's HTTP server waits for delayed ACKs (40 ms a response) unless told not to; real feed
    // servers do not, and the figures are about ingest-service, not about this test server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Map<String, String> options = options(args);
    int feedCount = Integer.parseInt(options.getOrDefault("--feeds", "10000"));
    int changedPercent = Integer.parseInt(options.getOrDefault("--changed", "5"));
    Path root = Path.of(options.getOrDefault("--root", ".")).toAbsolutePath().normalize();
    Path quarkusApp = root.resolve("ingest-service/target/quarkus-app");
    if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          "ingest-service is not packaged at "
              + quarkusApp
              + ": run ./mvnw -B package -DskipTests");
    }
    Path logs = Files.createDirectories(root.resolve("target/bench-logs"));

    System.out.printf("serving %,d feeds on loopback%n", feedCount);
    try (FeedServer server = FeedServer.start(0, 8);
        Infrastructure infrastructure = Infrastructure.start(null)) {
      for (int f = 0; f < feedCount; f++) {
        server.putRss(path(f), feed(f, 1));
      }
      Map<String, String> environment =
          new LinkedHashMap<>(infrastructure.environmentFor(Service.INGEST));
      environment.put("NEWSWATCH_FETCH_ALLOW", server.hostAndPort());
      environment.put("NEWSWATCH_INGEST_INSTANCE_ID", "bench");
      try (ServiceProcess ingest =
          ServiceProcess.start(
              "ingest-service",
              quarkusApp,
              FreePorts.pick(),
              environment,
              List.of("-Xmx512m"),
              logs.resolve("ingest-service.log"))) {
        ingest.awaitReady(Duration.ofMinutes(2));
        String jdbc = infrastructure.postgres().jdbcUrl(Service.INGEST.database());
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, "")) {
          double cpuAtStart = cpuSeconds(ingest.pid());
          Instant importStart = Instant.now();
          importFeeds(ingest.baseUri(), server, feedCount);
          System.out.printf(
              "registered %,d feeds by OPML import in %.1f s%n",
              feedCount, seconds(importStart, Instant.now()));

          // The first poll of every feed began when it was registered.
          Round cold = measure(ingest, db, feedCount, importStart, cpuAtStart, 0);
          print(
              "cold round (from the start of the import: every feed 200, one new item each)",
              cold,
              feedCount);

          int changed = feedCount * changedPercent / 100;
          for (int f = 0; f < changed; f++) {
            server.putRss(path(f), feed(f, 2));
          }
          clearPeakMemory(ingest.pid());
          double cpuBeforeWarm = cpuSeconds(ingest.pid());
          long publishedBeforeWarm = published(db);
          Instant warmStart = Instant.now();
          makeAllDue(db);
          Round warm =
              measure(ingest, db, feedCount, warmStart, cpuBeforeWarm, publishedBeforeWarm);
          print(
              "warm round (all due at once, "
                  + (100 - changedPercent)
                  + " % answer 304, "
                  + changedPercent
                  + " % have a new item)",
              warm,
              feedCount);
        }
      }
    }
  }

  /** What one round took. */
  private record Round(
      double seconds, double cpuSeconds, long peakRssKb, long notModified, long published) {}

  private static Round measure(
      ServiceProcess ingest,
      Connection db,
      int feedCount,
      Instant since,
      double cpuBefore,
      long publishedBefore)
      throws Exception {
    Instant deadline = since.plus(ROUND_LIMIT);
    Instant done;
    while (true) {
      long polled = polledSince(db, since);
      if (polled >= feedCount) {
        done = Instant.now();
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "only " + polled + " of " + feedCount + " feeds polled in " + ROUND_LIMIT);
      }
      Thread.sleep(200);
    }
    double cpu = cpuSeconds(ingest.pid()) - cpuBefore;
    return new Round(
        seconds(since, done),
        cpu,
        peakRssKb(ingest.pid()),
        count(db, "SELECT count(*) FROM feed WHERE last_status = 304"),
        published(db) - publishedBefore);
  }

  private static void print(String title, Round round, int feedCount) {
    System.out.println();
    System.out.println(title);
    System.out.printf(
        Locale.ROOT, "  feeds polled            %,d in %.1f s%n", feedCount, round.seconds());
    System.out.printf(
        Locale.ROOT, "  feeds polled per minute %,.0f%n", feedCount / round.seconds() * 60);
    System.out.printf(Locale.ROOT, "  answers 304             %,d%n", round.notModified());
    System.out.printf(Locale.ROOT, "  items published         %,d%n", round.published());
    System.out.printf(
        Locale.ROOT,
        "  ingest-service CPU      %.1f s = %.2f cores on average%n",
        round.cpuSeconds(),
        round.cpuSeconds() / round.seconds());
    System.out.printf(Locale.ROOT, "  ingest-service peak RSS %,d MB%n", round.peakRssKb() / 1024);
  }

  private static void importFeeds(URI ingest, FeedServer server, int feedCount)
      throws IOException, InterruptedException {
    int chunk = 2000;
    for (int from = 0; from < feedCount; from += chunk) {
      StringBuilder opml = new StringBuilder("<opml version=\"2.0\"><body>");
      for (int f = from; f < Math.min(feedCount, from + chunk); f++) {
        opml.append("<outline type=\"rss\" text=\"Bench ")
            .append(f)
            .append("\" xmlUrl=\"")
            .append(server.url(path(f)))
            .append("\"/>");
      }
      opml.append("</body></opml>");
      // An hour between polls: the warm round is made due by hand, nothing else interferes.
      HttpRequest request =
          HttpRequest.newBuilder(ingest.resolve("/feeds/import?pollIntervalSeconds=3600"))
              .timeout(Duration.ofMinutes(5))
              .header("Content-Type", "text/x-opml")
              .POST(HttpRequest.BodyPublishers.ofString(opml.toString()))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("import answered " + response.statusCode());
      }
    }
  }

  private static void makeAllDue(Connection db) throws SQLException {
    try (PreparedStatement due = db.prepareStatement("UPDATE feed SET next_poll_at = now()")) {
      due.executeUpdate();
    }
  }

  private static long polledSince(Connection db, Instant since) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("SELECT count(*) FROM feed WHERE last_fetched_at >= ?")) {
      query.setTimestamp(1, Timestamp.from(since));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long published(Connection db) throws SQLException {
    return count(db, "SELECT coalesce(sum(items_published), 0) FROM feed");
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** User plus system CPU time of a process, from /proc (Linux). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / 100.0;
  }

  /** Peak resident memory of a process since start or since {@link #clearPeakMemory}. */
  private static long peakRssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Resets the peak RSS counter, so the warm round reports its own peak. */
  private static void clearPeakMemory(long pid) {
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
    } catch (IOException e) {
      System.out.println(
          "(cannot reset the peak memory counter; the warm round shows the overall peak)");
    }
  }

  private static String path(int feed) {
    return "/bench/feed-" + feed + ".xml";
  }

  private static String feed(int feed, int items) {
    Rss rss = Rss.channel("Bench feed " + feed);
    for (int i = 0; i < items; i++) {
      rss.item(
          "bench-" + feed + "-" + i,
          "https://news.example.org/bench/" + feed + "/" + i,
          "Story " + i + " of bench feed " + feed,
          "A short summary of the story.",
          Instant.parse("2026-01-15T08:00:00Z").plusSeconds(i));
    }
    return rss.build();
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
