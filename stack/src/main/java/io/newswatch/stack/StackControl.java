package io.newswatch.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code status} and {@code stop}: looks at, and stops, the stack that a launcher of this checkout
 * runs, from its state file and lock. Also ends what a launcher killed outright left behind, should
 * its watchdogs have missed anything.
 */
final class StackControl {

  /** Services finish their work (30 s at most each, in parallel), then PostgreSQL and Kafka. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(15);

  /** Exit code of {@code status} when nothing runs, as init scripts use it. */
  static final int NOT_RUNNING = 3;

  private StackControl() {}

  /** Prints what runs; returns 0 when a stack runs, {@link #NOT_RUNNING} otherwise. */
  static int status(Path root, PrintStream out, String program) {
    Path directory = StackState.directory(root);
    Optional<StackState> state = StackState.read(StackState.file(root));
    if (!StackLock.isHeld(directory)) {
      List<ProcessHandle> left = state.map(StackControl::leftovers).orElse(List.of());
      if (left.isEmpty()) {
        out.println("NewsWatch is not running.");
        deleteState(root);
      } else {
        out.println(
            "NewsWatch is not running: its launcher (pid "
                + state.get().launcher().pid()
                + ") is gone, and "
                + left.size()
                + " of its processes still run (its watchdogs are stopping them; '"
                + program
                + " stop' makes sure).");
      }
      return NOT_RUNNING;
    }
    if (state.isEmpty()) {
      out.println("NewsWatch is starting.");
      return 0;
    }
    Map<String, String> health = new LinkedHashMap<>();
    for (StackState.Instance instance : state.get().services()) {
      String answer;
      if (instance.process().live().isEmpty()) {
        answer = "not running";
      } else if (ApiClient.answers200(URI.create(instance.url() + "/q/health/ready"))) {
        answer = "ready";
      } else {
        answer = "not ready";
      }
      health.put(instance.name(), answer);
    }
    StackReport.status(state.get(), health, Instant.now()).forEach(out::println);
    return 0;
  }

  /**
   * Stops the stack: SIGTERM to its launcher, which stops the services gracefully and then
   * PostgreSQL and Kafka; kills it when it takes longer than {@link #STOP_TIMEOUT}. Ends whatever
   * is left afterwards. Returns 0 when nothing of the stack runs any more.
   */
  static int stop(Path root, PrintStream out) throws InterruptedException {
    Path directory = StackState.directory(root);
    Optional<StackState> state = StackState.read(StackState.file(root));
    if (!StackLock.isHeld(directory)) {
      if (state.isPresent() && endLeftovers(state.get(), out, Duration.ofSeconds(10)) > 0) {
        out.println("[newswatch] ended what a stopped NewsWatch had left running.");
      } else {
        out.println("NewsWatch is not running.");
      }
      deleteState(root);
      return 0;
    }
    Instant deadline = Instant.now().plusSeconds(10);
    while (state.isEmpty() && Instant.now().isBefore(deadline)) {
      // A launcher that has just taken the lock writes its state a moment later.
      Thread.sleep(200);
      state = StackState.read(StackState.file(root));
    }
    Optional<ProcessHandle> launcher = state.flatMap(s -> s.launcher().live());
    if (launcher.isEmpty()) {
      out.println(
          "newswatch: a process holds "
              + StackLock.file(directory)
              + " but its state file names no live launcher; stop it by hand.");
      return 1;
    }
    out.println("[newswatch] stopping NewsWatch (launcher pid " + launcher.get().pid() + ")");
    launcher.get().destroy();
    Instant started = Instant.now();
    Instant nextNote = started.plusSeconds(10);
    while (launcher.get().isAlive() || StackLock.isHeld(directory)) {
      Instant now = Instant.now();
      if (now.isAfter(started.plus(STOP_TIMEOUT))) {
        out.println(
            "[newswatch] not stopped after "
                + STOP_TIMEOUT.toSeconds()
                + " s: killing the launcher; its watchdogs end the rest");
        launcher.get().destroyForcibly();
        launcher.get().onExit().join();
        // The watchdogs look once a second; give them time before checking what is left.
        Thread.sleep(3_000);
        break;
      }
      if (now.isAfter(nextNote)) {
        out.println(
            "[newswatch] still stopping ("
                + Duration.between(started, now).toSeconds()
                + " s): services finish what they are doing");
        nextNote = now.plusSeconds(10);
      }
      Thread.sleep(200);
    }
    endLeftovers(state.get(), out, Duration.ofSeconds(10));
    deleteState(root);
    out.println("[newswatch] NewsWatch stopped.");
    return 0;
  }

  /** The processes of a stack that still run: services and PostgreSQL, not reused pids. */
  static List<ProcessHandle> leftovers(StackState state) {
    List<ProcessHandle> left = new ArrayList<>();
    for (StackState.Instance instance : state.services()) {
      instance.process().live().ifPresent(left::add);
    }
    if (state.postgres() != null) {
      state.postgres().live().ifPresent(left::add);
    }
    return left;
  }

  /**
   * Ends the processes of a stack whose launcher is gone: SIGTERM (a graceful stop for services and
   * PostgreSQL alike), SIGKILL after a grace period.
   *
   * @return how many there were
   */
  static int endLeftovers(StackState state, PrintStream out) {
    return endLeftovers(state, out, Duration.ZERO);
  }

  /**
   * Like {@link #endLeftovers(StackState, PrintStream)}, after giving the processes {@code ownExit}
   * to finish exiting by themselves (PostgreSQL still removes its files after its launcher let go
   * of it).
   */
  static int endLeftovers(StackState state, PrintStream out, Duration ownExit) {
    Instant patience = Instant.now().plus(ownExit);
    while (!leftovers(state).isEmpty() && Instant.now().isBefore(patience)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<ProcessHandle> left = leftovers(state);
    for (ProcessHandle process : left) {
      out.println(
          "[newswatch] ending pid "
              + process.pid()
              + process.info().command().map(command -> " (" + command + ")").orElse("")
              + ", left by launcher pid "
              + state.launcher().pid());
      process.destroy();
    }
    Instant deadline = Instant.now().plus(LEFTOVER_GRACE);
    for (ProcessHandle process : left) {
      while (process.isAlive() && Instant.now().isBefore(deadline)) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    return left.size();
  }

  private static void deleteState(Path root) {
    try {
      Files.deleteIfExists(StackState.file(root));
    } catch (IOException e) {
      // A stale state file is recognised as stale: no lock holder.
    }
  }
}
