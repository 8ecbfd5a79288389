package io.newswatch.system.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.events.EventJson;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./newswatch up --detach}, {@code status} and {@code stop} as a person runs them: real
 * processes, and nothing of NewsWatch left running afterwards, even when its launcher is killed.
 *
 * <p>The commands run in a scratch checkout whose packaged services and launcher are links to the
 * real ones, so that its state file and lock never meet a stack a developer runs from this one.
 */
class NewswatchCommandIT {

  private static final Path REAL_ROOT =
      Path.of(System.getProperty("newswatch.root", "..")).toAbsolutePath().normalize();
  private static final Duration WITHIN = Duration.ofSeconds(90);

  @TempDir static Path checkout;
  @TempDir Path data;

  private static FeedServer feeds;
  private final List<Long> started = new ArrayList<>();

  @BeforeAll
  static void aScratchCheckout() throws IOException {
    for (String module : List.of("stack", "ingest-service", "classify-service", "alert-service")) {
      Files.createDirectories(checkout.resolve(module));
      Files.createSymbolicLink(
          checkout.resolve(module).resolve("target"), REAL_ROOT.resolve(module).resolve("target"));
    }
    Path script = Files.copy(REAL_ROOT.resolve("newswatch"), checkout.resolve("newswatch"));
    assertThat(script.toFile().setExecutable(true)).isTrue();
    feeds = FeedServer.start();
    feeds.putRss(
        "/desk.xml",
        Rss.channel("Desk").item("one", null, "ISIS-K fighters in Badakhshan", "", null).build());
  }

  @AfterAll
  static void stopFeeds() {
    if (feeds != null) {
      feeds.close();
    }
  }

  @AfterEach
  void leaveNothingBehind() throws Exception {
    run("stop");
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void upDetachedImportsFeedsThenStatusAndStopLeaveNoProcessBehind() throws Exception {
    Path opml =
        Files.writeString(
            data.resolve("feeds.opml"),
            "<opml version=\"2.0\"><body><outline type=\"rss\" xmlUrl=\""
                + feeds.url("/desk.xml")
                + "\"/></body></opml>");

    Result up = startDetached("--feeds", opml.toString(), "--scale", "classify=2");

    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output())
        .contains("NewsWatch is up.")
        .contains("sign in as admin with password detached-admin-password")
        .contains("feeds from feeds.opml: 1 added, 0 already registered, 0 rejected")
        .contains("'" + checkout.resolve("newswatch") + " stop' stops it");
    JsonNode state = state();
    List<Long> pids = pids(state);
    assertThat(pids).hasSize(6);
    pids.forEach(pid -> assertThat(ProcessHandle.of(pid)).as("pid %d", pid).isPresent());
    // The background launcher hosts the broker, with the collector the script gives the launcher.
    assertThat(ProcessHandle.of(pids.get(0)).flatMap(h -> h.info().arguments()).orElseThrow())
        .contains("-XX:+UseSerialGC");
    // Two classify-service instances in one consumer group share the six raw-item partitions.
    List<String> classify = new ArrayList<>();
    state
        .path("services")
        .forEach(
            service -> {
              if (service.path("service").asText().equals("classify-service")) {
                classify.add(service.path("url").asText());
              }
            });
    assertThat(classify).hasSize(2);
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> classify.forEach(url -> assertThat(assignedPartitions(url)).isEqualTo(3)));

    Result status = run("status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .contains("NewsWatch is running in the background")
        .contains("ingest-service")
        .contains("classify-service-2")
        .contains("ready");
    Result second = startDetached();
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.output()).contains("NewsWatch is already running from this checkout");

    Result stop = run("stop");
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    assertThat(stop.output()).contains("NewsWatch stopped.").doesNotContain("ending pid");
    pids.forEach(pid -> assertThat(ProcessHandle.of(pid)).as("pid %d", pid).isEmpty());
    assertThat(checkout.resolve("target/newswatch/stack.json")).doesNotExist();
    Result after = run("status");
    assertThat(after.exitCode()).isEqualTo(3);
    assertThat(after.output()).contains("NewsWatch is not running.");
  }

  @Test
  void aLauncherKilledOutrightTakesItsServicesAndPostgresqlWithIt() throws Exception {
    Result up = startDetached();
    assertThat(up.exitCode()).as(up.output()).isZero();
    JsonNode state = state();
    List<Long> pids = pids(state);

    ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();

    // The watchdogs stop the services (gracefully) and PostgreSQL once the launcher is gone.
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                pids.forEach(pid -> assertThat(ProcessHandle.of(pid)).as("pid %d", pid).isEmpty()));
    Result status = run("status");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.output()).contains("NewsWatch is not running.");
    Result again = startDetached();
    assertThat(again.exitCode())
        .as("a new stack starts where the killed one was: %s", again.output())
        .isZero();
  }

  @Test
  void refusesABadCommandLineBeforeStartingAnything() throws Exception {
    Result bad = run("up", "--ingest-port", "eighty");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("--ingest-port must be a port number, was 'eighty'");

    Result missing = run("up", "--feeds", data.resolve("nope.opml").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.output()).contains("--feeds: no such file");
    assertThat(checkout.resolve("target/newswatch/stack.json")).doesNotExist();
  }

  /** Partitions assigned to the raw-items consumer of a service, from its Prometheus metrics. */
  private static int assignedPartitions(String baseUrl) {
    HttpResponse<String> metrics;
    try {
      metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot read the metrics of " + baseUrl, e);
    }
    return metrics
        .body()
        .lines()
        .filter(line -> line.startsWith("kafka_consumer_coordinator_assigned_partitions{"))
        .filter(line -> line.contains("raw-items"))
        .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  private Result startDetached(String... more) throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "up",
                "--detach",
                "--data",
                data.resolve("stack").toString(),
                "--ingest-port",
                "0",
                "--classify-port",
                "0",
                "--alert-port",
                "0"));
    arguments.addAll(List.of(more));
    Result result = run(arguments.toArray(String[]::new));
    if (result.exitCode() == 0) {
      started.addAll(pids(state()));
    }
    return result;
  }

  private static JsonNode state() throws IOException {
    return EventJson.mapper()
        .readTree(Files.readString(checkout.resolve("target/newswatch/stack.json")));
  }

  /** Launcher, PostgreSQL and service pids of a state file, the launcher first. */
  private static List<Long> pids(JsonNode state) {
    List<Long> pids = new ArrayList<>();
    pids.add(state.path("launcher").path("pid").asLong());
    pids.add(state.path("postgres").path("pid").asLong());
    state.path("services").forEach(s -> pids.add(s.path("process").path("pid").asLong()));
    return pids;
  }

  record Result(int exitCode, String output) {}

  private static Result run(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(checkout.resolve("newswatch").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("NEWSWATCH_ADMIN_PASSWORD", "detached-admin-password");
    environment.put("NEWSWATCH_FETCH_ALLOW", feeds.hostAndPort());
    Path output = Files.createTempFile("newswatch-command", ".log");
    try {
      // To a file, not a pipe: the background launcher inherits nothing it could keep open.
      Process process = builder.redirectOutput(output.toFile()).start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
