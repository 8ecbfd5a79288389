package io.newswatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a process this JVM started when this JVM dies, however it dies.
 *
 * <p>Shutdown hooks cover a normal exit, an exception and Ctrl-C, but not {@code kill -9}: then a
 * detached PostgreSQL or a child service would run on as an orphan. The watchdog is a tiny shell
 * loop outside the JVM that waits for the JVM to vanish, signals the target if it is still the
 * program it was (not a reused pid), and optionally deletes a temporary directory afterwards.
 */
final class Watchdog implements AutoCloseable {

  private static final String SCRIPT =
      """
      parent=$1; target=$2; expected=$3; signal=$4; cleanup=$5; since=$6
      while kill -0 "$parent" 2>/dev/null; do sleep 1; done
      case "$target" in
        /*)
          # Only a pid file written since the guard began: an older one is another run's.
          # (Modification time: GNU stat, else BSD/macOS stat.)
          modified="$(stat -c %Y "$target" 2>/dev/null || stat -f %m "$target" 2>/dev/null || echo 0)"
          if [ "$modified" -ge "$since" ]; then
            target="$(head -n 1 "$target" 2>/dev/null | tr -dc 0-9)"
          else
            target=""
          fi ;;
      esac
      if [ -n "$target" ]; then
        case "$(ps -o comm= -p "$target" 2>/dev/null)" in
          *"$expected"*) kill -"$signal" "$target" 2>/dev/null ;;
        esac
        if [ -n "$cleanup" ]; then
          while kill -0 "$target" 2>/dev/null; do sleep 1; done
        fi
      fi
      if [ -n "$cleanup" ]; then rm -rf "$cleanup"; fi
      """;

  private final Process process;

  private Watchdog(Process process) {
    this.process = process;
  }

  /**
   * Guards {@code targetPid}: when this JVM ends, the target gets {@code signal} (e.g. {@code INT})
   * if its command name still contains {@code expectedCommand}.
   *
   * @param cleanupDir directory to delete once the target has exited, or null
   */
  static Watchdog guard(long targetPid, String expectedCommand, String signal, Path cleanupDir) {
    return start(Long.toString(targetPid), expectedCommand, signal, cleanupDir);
  }

  /**
   * Guards the process whose pid is on the first line of {@code pidFile} when this JVM ends, e.g. a
   * server's {@code postmaster.pid}. Started before the server, it covers the server's start-up
   * too: the file is read only when the JVM has gone. No file then: nothing to signal.
   *
   * @param cleanupDir directory to delete once the target has exited, or null
   */
  static Watchdog guardPidFile(
      Path pidFile, String expectedCommand, String signal, Path cleanupDir) {
    return start(pidFile.toAbsolutePath().toString(), expectedCommand, signal, cleanupDir);
  }

  private static Watchdog start(
      String target, String expectedCommand, String signal, Path cleanupDir) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, "newswatch-watchdog"));
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(target);
    command.add(expectedCommand);
    command.add(signal);
    command.add(cleanupDir == null ? "" : cleanupDir.toAbsolutePath().toString());
    command.add(Long.toString(Instant.now().getEpochSecond()));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new Watchdog(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the watchdog for " + target, e);
    }
  }

  /**
   * Deletes {@code directory} once this JVM has ended, for temporary data of servers that run
   * inside the JVM (the Kafka broker): shutdown hooks do not run after {@code kill -9}.
   */
  static Watchdog deleteWhenThisJvmEnds(Path directory) {
    // The JVM is its own target here: by the time the loop ends it is gone, so no signal is sent.
    return guard(ProcessHandle.current().pid(), "java", "TERM", directory);
  }

  /** Called once the target was stopped the regular way: the watchdog is no longer needed. */
  @Override
  public void close() {
    process.destroy();
  }
}
