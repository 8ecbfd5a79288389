package io.newswatch.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the launcher prints about a stack: the summary once it is up, and {@code status}. */
final class StackReport {

  private static final Map<String, String> WHAT =
      Map.of(
          Service.INGEST.module(), "feeds API",
          Service.CLASSIFY.module(), "classification and taxonomy API",
          Service.ALERT.module(), "users, subscriptions and alerts API");

  private StackReport() {}

  /**
   * The lines printed once a stack is up: where each API is, Swagger UI, how to sign in, where the
   * logs are, and how to stop it.
   *
   * @param signIn how to sign in as admin, one line
   * @param program how the user calls the launcher, e.g. {@code ./newswatch}
   */
  static List<String> summary(StackState state, String signIn, String program) {
    List<String> lines = new ArrayList<>();
    lines.add("NewsWatch is up.");
    for (StackState.Instance instance : state.services()) {
      lines.add(
          String.format(
              "  %-19s %-24s %s",
              instance.name(),
              instance.url(),
              instance.name().equals(instance.service())
                  ? WHAT.getOrDefault(instance.service(), "")
                  : "another instance"));
    }
    swaggerUi(state).ifPresent(url -> lines.add(String.format("  %-19s %s", "Swagger UI", url)));
    lines.add(
        String.format(
            "  %-19s /q/health/live, /q/health/ready and /q/metrics on every service",
            "health, metrics"));
    lines.add("  " + signIn);
    lines.add(
        "  data: "
            + (state.dataDirectory() == null
                ? "temporary, deleted when NewsWatch stops"
                : state.dataDirectory())
            + "; logs: "
            + state.logDirectory());
    if (state.detached()) {
      lines.add(
          "It runs in the background: '"
              + program
              + " status' shows it, '"
              + program
              + " stop' stops it.");
    } else {
      lines.add("Ctrl-C stops it.");
    }
    return lines;
  }

  /**
   * The lines of {@code status} for a stack whose launcher runs.
   *
   * @param health what each instance's readiness check said, by instance name: {@code ready},
   *     {@code not ready} or {@code not running}
   */
  static List<String> status(StackState state, Map<String, String> health, Instant now) {
    List<String> lines = new ArrayList<>();
    Instant started = state.launcher().start();
    lines.add(
        String.format(
            "NewsWatch is %s%s (launcher pid %d%s%s)",
            switch (state.phase()) {
              case starting -> "starting";
              case ready -> "running";
              case stopping -> "stopping";
            },
            state.detached() ? " in the background" : "",
            state.launcher().pid(),
            started == null ? "" : ", up " + duration(Duration.between(started, now)),
            "demo".equals(state.mode()) ? ", demo" : ""));
    lines.add(
        String.format(
            "  %-19s %s",
            "data",
            state.dataDirectory() == null
                ? "temporary (deleted when NewsWatch stops)"
                : state.dataDirectory()));
    lines.add(String.format("  %-19s %s", "logs", state.logDirectory()));
    if (state.kafka() != null) {
      lines.add(String.format("  %-19s %s (inside the launcher)", "Kafka", state.kafka()));
    }
    if (state.postgres() != null) {
      lines.add(
          String.format(
              "  %-19s 127.0.0.1:%d (pid %d)",
              "PostgreSQL", state.postgresPort(), state.postgres().pid()));
    }
    for (StackState.Instance instance : state.services()) {
      lines.add(
          String.format(
              "  %-19s %-24s %-11s (pid %d)",
              instance.name(),
              instance.url(),
              health.getOrDefault(instance.name(), "unknown"),
              instance.process().pid()));
    }
    swaggerUi(state).ifPresent(url -> lines.add(String.format("  %-19s %s", "Swagger UI", url)));
    return lines;
  }

  /** Swagger UI of the first alert-service. */
  static java.util.Optional<String> swaggerUi(StackState state) {
    return state.services().stream()
        .filter(instance -> instance.service().equals(Service.ALERT.module()))
        .findFirst()
        .map(instance -> instance.url() + "/q/swagger-ui");
  }

  /** A rough human duration: 42 s, 5 min, 3 h 20 min, 2 d 4 h. */
  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return hours / 24 + " d " + (hours % 24) + " h";
  }
}
