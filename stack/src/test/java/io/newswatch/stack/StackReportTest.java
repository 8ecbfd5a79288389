package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.stack.StackState.Instance;
import io.newswatch.stack.StackState.Phase;
import io.newswatch.stack.StackState.Proc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackReportTest {

  private static final Instant STARTED = Instant.parse("2026-11-21T08:00:00Z");

  private static StackState state(boolean detached, Path data) {
    StackState state =
        StackState.starting(new Proc(100, STARTED), "up", detached, data, Path.of("/logs"))
            .withInfrastructure("127.0.0.1:40001", new Proc(200, STARTED), 40002);
    int pid = 300;
    for (String[] instance :
        List.of(
            new String[] {"alert-service", "alert-service", "8083"},
            new String[] {"ingest-service", "ingest-service", "8081"},
            new String[] {"classify-service", "classify-service", "8082"},
            new String[] {"classify-service", "classify-service-2", "40100"})) {
      state =
          state.withInstance(
              new Instance(
                  instance[0],
                  instance[1],
                  new Proc(pid++, STARTED),
                  "http://127.0.0.1:" + instance[2],
                  "/logs/" + instance[1] + ".log"));
    }
    return state.with(Phase.ready);
  }

  @Test
  void theSummaryNamesEveryApiSwaggerUiSignInAndHowToStop() {
    List<String> lines =
        StackReport.summary(state(true, null), "sign in as admin with password pw", "./newswatch");

    assertThat(String.join("\n", lines))
        .contains("ingest-service      http://127.0.0.1:8081    feeds API")
        .contains("classify-service-2  http://127.0.0.1:40100   another instance")
        .contains("Swagger UI          http://127.0.0.1:8083/q/swagger-ui")
        .contains("sign in as admin with password pw")
        .contains("temporary, deleted when NewsWatch stops")
        .contains("'./newswatch status' shows it, './newswatch stop' stops it");
    assertThat(StackReport.summary(state(false, Path.of("/data")), "x", "./newswatch"))
        .contains("Ctrl-C stops it.")
        .anySatisfy(line -> assertThat(line).contains("data: /data"));
  }

  @Test
  void statusShowsEachInstanceWithItsHealth() {
    List<String> lines =
        StackReport.status(
            state(true, Path.of("/data")),
            Map.of(
                "alert-service", "ready",
                "ingest-service", "ready",
                "classify-service", "not ready",
                "classify-service-2", "not running"),
            STARTED.plus(Duration.ofMinutes(125)));

    assertThat(lines.get(0))
        .isEqualTo("NewsWatch is running in the background (launcher pid 100, up 2 h 5 min)");
    assertThat(String.join("\n", lines))
        .contains("Kafka               127.0.0.1:40001 (inside the launcher)")
        .contains("PostgreSQL          127.0.0.1:40002 (pid 200)")
        .contains("classify-service    http://127.0.0.1:8082    not ready   (pid 302)")
        .contains("classify-service-2  http://127.0.0.1:40100   not running (pid 303)")
        .contains("data                /data");
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(StackReport.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(StackReport.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(StackReport.duration(Duration.ofHours(50))).isEqualTo("2 d 2 h");
  }
}
