package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.stack.StackState.Instance;
import io.newswatch.stack.StackState.Phase;
import io.newswatch.stack.StackState.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

  private static final Instant STARTED = Instant.parse("2026-11-21T08:00:00.120Z");

  private static StackState running() {
    return StackState.starting(
            new Proc(100, STARTED), "up", true, Path.of("/var/newswatch"), Path.of("/var/logs"))
        .withInfrastructure("127.0.0.1:40001", new Proc(200, STARTED.plusSeconds(2)), 40002)
        .withInstance(
            new Instance(
                "classify-service",
                "classify-service-2",
                new Proc(300, STARTED.plusSeconds(3)),
                "http://127.0.0.1:40003",
                "/var/logs/classify-service-2.log"))
        .with(Phase.ready);
  }

  @Test
  void survivesTheStateFileUnchanged(@TempDir Path root) {
    StackState state = running();

    state.write(StackState.file(root));

    assertThat(StackState.read(StackState.file(root))).contains(state);
    assertThat(StackState.file(root))
        .isEqualTo(root.toAbsolutePath().resolve("target/newswatch/stack.json"));
  }

  @Test
  void keepsNoPassword(@TempDir Path root) throws Exception {
    running().write(StackState.file(root));

    assertThat(Files.readString(StackState.file(root))).doesNotContainIgnoringCase("password");
  }

  @Test
  void aMissingOrUnreadableStateFileIsNoState(@TempDir Path root) throws Exception {
    assertThat(StackState.read(StackState.file(root))).isEmpty();

    Files.createDirectories(StackState.directory(root));
    Files.writeString(StackState.file(root), "{\"launcher\": ");

    assertThat(StackState.read(StackState.file(root))).isEmpty();
  }

  @Test
  void aProcessIsOursOnlyWithTheSamePidAndStartInstant() {
    Proc recorded = new Proc(300, STARTED);

    assertThat(recorded.sameAs(300, Optional.of(STARTED))).isTrue();
    // Some systems give start instants to the 10 ms or the second.
    assertThat(recorded.sameAs(300, Optional.of(STARTED.plusMillis(400)))).isTrue();
    assertThat(recorded.sameAs(300, Optional.of(STARTED.plusSeconds(30)))).isFalse();
    assertThat(recorded.sameAs(301, Optional.of(STARTED))).isFalse();
    assertThat(recorded.sameAs(300, Optional.empty())).isTrue();
  }

  @Test
  void theCurrentProcessIsLiveAndAGoneOneIsNot() throws Exception {
    assertThat(Proc.of(ProcessHandle.current()).live()).isPresent();

    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Proc recorded = new Proc(gone.pid(), Instant.now());
    assertThat(recorded.live()).isEmpty();
  }
}
