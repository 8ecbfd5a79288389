package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

  @Test
  void servesARealPostgresql17WithTheDatabasesAskedFor() throws Exception {
    try (PostgresServer postgres = PostgresServer.startTemporary()) {
      postgres.createDatabase("newswatch_test");
      postgres.createDatabase("newswatch_test");

      try (Connection connection =
              DriverManager.getConnection(
                  postgres.jdbcUrl("newswatch_test"), PostgresServer.USER, "");
          ResultSet version =
              connection
                  .createStatement()
                  .executeQuery("SELECT current_setting('server_version_num')")) {
        assertThat(version.next()).isTrue();
        assertThat(version.getInt(1)).isBetween(170000, 179999);
      }
    }
  }

  @Test
  void refusesADatabaseNameThatIsNotAnIdentifier() {
    try (PostgresServer postgres = PostgresServer.startTemporary()) {
      assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid database name");
    }
  }

  @Test
  void closeStopsTheServerAndDeletesTemporaryData() {
    long pid;
    Path data;
    try (PostgresServer postgres = PostgresServer.startTemporary()) {
      pid = postgres.pid();
      data = postgres.dataDirectory();
      assertThat(ProcessHandle.of(pid)).isPresent();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(data));
  }

  @Test
  void keepsDataAcrossARestartOnTheSameDirectory(@TempDir Path directory) throws Exception {
    try (PostgresServer postgres = PostgresServer.start(directory, 0);
        Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "")) {
      connection.createStatement().execute("CREATE TABLE kept (v text)");
      connection.createStatement().execute("INSERT INTO kept VALUES ('Badakhshan')");
    }

    try (PostgresServer postgres = PostgresServer.start(directory, 0);
        Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "");
        ResultSet row = connection.createStatement().executeQuery("SELECT v FROM kept")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("Badakhshan");
    }
  }

  @Test
  void noPostgresAndNoTemporaryDataOutliveAKilledOwner() throws Exception {
    Process owner = ChildJvm.of(InfrastructureOwner.class).start();
    long pid;
    Path postgresData;
    Path kafkaData;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> started = InfrastructureOwner.readStarted(out);
      pid = Long.parseLong(started.get(0));
      postgresData = Path.of(started.get(1));
      kafkaData = Path.of(started.get(2));
    }
    assertThat(ProcessHandle.of(pid)).isPresent();
    assertThat(kafkaData).isDirectory();

    owner.destroyForcibly(); // SIGKILL: no shutdown hook runs

    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(postgresData));
    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(kafkaData));
  }

  @Test
  void noPostgresOutlivesAnOwnerKilledWhileTheServerStarts(@TempDir Path parent) throws Exception {
    Path directory = parent.resolve("data");
    Process owner =
        ChildJvm.of(StartingPostgresOwner.class, directory.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path pidFile = directory.resolve("postmaster.pid");
    // The postmaster writes its pid file first and accepts connections a moment later: kill the
    // owner in between, before it has heard that the server is up. (initdb's single-user backend
    // writes the file earlier, with its pid negated.)
    AtomicLong pid = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> postmasterPid(pidFile, pid) || !owner.isAlive());
    owner.destroyForcibly();
    assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(pid.get()).isPositive();
    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid.get()).isEmpty());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(LocalStackTest.processesMentioning(directory)).isEmpty());
  }

  /** True once the file names a postmaster (a positive pid); sets {@code pid}. */
  private static boolean postmasterPid(Path pidFile, AtomicLong pid) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (!lines.isEmpty() && lines.get(0).strip().matches("[0-9]+")) {
        pid.set(Long.parseLong(lines.get(0).strip()));
        return true;
      }
    } catch (IOException e) {
      // not written yet
    }
    return false;
  }
}
