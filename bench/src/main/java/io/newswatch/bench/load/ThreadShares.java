package io.newswatch.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's own JVM hosts the Kafka broker, the load generator and the alert observer: this
 * splits its CPU time by thread (from /proc, Linux), so that the broker's share can be told from
 * the harness's. A thread is the harness's when it is the generator's ({@code main} and its
 * producer's network thread) or the observer's; the JVM's own when it collects garbage, compiles or
 * runs the VM; the broker's otherwise (with the few threads of the local stack's bookkeeping, and
 * the time of threads that ended).
 */
final class ThreadShares {

  static final String BROKER = "broker";
  static final String JVM = "JVM (GC, JIT)";
  static final String HARNESS = "generator and observer";

  // Thread names as /proc shows them: the first 15 characters.
  private static final Set<String> HARNESS_THREADS = Set.of("main", AlertObserver.THREAD);
  private static final String HARNESS_PRODUCER = "kafka-producer-";
  private static final List<String> JVM_THREADS =
      List.of(
          "GC Thread",
          "G1 ",
          "VM Thread",
          "VM Periodic",
          "C1 CompilerThre",
          "C2 CompilerThre",
          "Sweeper",
          "Service Thread",
          "Monitor Deflati",
          "Common-Cleaner",
          "Reference Handl",
          "Finalizer",
          "Signal Dispatch",
          "Notification Th",
          "Attach Listener");

  private ThreadShares() {}

  /** Which share a thread of this name belongs to. */
  static String shareOf(String threadName) {
    if (HARNESS_THREADS.contains(threadName) || threadName.startsWith(HARNESS_PRODUCER)) {
      return HARNESS;
    }
    return JVM_THREADS.stream().anyMatch(threadName::startsWith) ? JVM : BROKER;
  }

  /**
   * CPU seconds used so far by each share of this process; the broker's is the process's total less
   * the others, so that it includes threads that ended.
   */
  static Map<String, Double> cpuSeconds(double processTotal) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put(BROKER, 0.0);
    seconds.put(JVM, 0.0);
    seconds.put(HARNESS, 0.0);
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          seconds.merge(
              shareOf(ProcessStats.nameOf(stat)), ProcessStats.cpuSecondsOf(stat), Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of(); // no /proc: no split
    }
    seconds.put(BROKER, Math.max(0, processTotal - seconds.get(JVM) - seconds.get(HARNESS)));
    return seconds;
  }
}
