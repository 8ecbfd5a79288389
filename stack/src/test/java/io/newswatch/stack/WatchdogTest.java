package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {

  private Process target;

  @AfterEach
  void stopTarget() {
    if (target != null) {
      target.destroyForcibly();
    }
  }

  @Test
  void signalsTheProcessOfAPidFileWrittenWhileItGuarded(@TempDir Path directory) throws Exception {
    Path pidFile = directory.resolve("server.pid");
    Process owner = owner(pidFile);
    target = new ProcessBuilder("sleep", "300").start();
    Files.writeString(pidFile, target.pid() + "\n");

    owner.destroyForcibly(); // kill -9: no shutdown hook runs

    assertThat(target.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void leavesAloneTheProcessOfAPidFileOlderThanItself(@TempDir Path directory) throws Exception {
    // Another run's pid file: its server may still run (on a directory shared by two launchers).
    Path pidFile = directory.resolve("server.pid");
    target = new ProcessBuilder("sleep", "300").start();
    Files.writeString(pidFile, target.pid() + "\n");
    Files.setLastModifiedTime(pidFile, FileTime.from(Instant.now().minusSeconds(3600)));
    Process owner = owner(pidFile);

    owner.destroyForcibly();
    assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

    // The watchdog notices its JVM's end within a second; give it three.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(target::isAlive);
  }

  /** A JVM guarding the pid file's process ({@code sleep}), started and guarding. */
  private static Process owner(Path pidFile) throws IOException {
    Process owner = ChildJvm.of(PidFileGuardOwner.class, pidFile.toString(), "sleep").start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals(PidFileGuardOwner.READY)) {
        return owner;
      }
    }
    throw new IOException("the owner ended before guarding");
  }
}
