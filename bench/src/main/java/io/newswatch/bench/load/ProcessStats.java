package io.newswatch.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and memory of a process, or of a process and its descendants (PostgreSQL runs one
 * process per connection), read from /proc (Linux).
 */
final class ProcessStats {

  private static final double TICKS_PER_SECOND = 100.0;

  private final String name;
  private final long pid;
  private final boolean withDescendants;

  private ProcessStats(String name, long pid, boolean withDescendants) {
    this.name = name;
    this.pid = pid;
    this.withDescendants = withDescendants;
  }

  /** One process. */
  static ProcessStats of(String name, long pid) {
    return new ProcessStats(name, pid, false);
  }

  /** A process and every process below it. */
  static ProcessStats tree(String name, long pid) {
    return new ProcessStats(name, pid, true);
  }

  String name() {
    return name;
  }

  /** User plus system CPU seconds used so far (by the live processes of the tree). */
  double cpuSeconds() {
    double seconds = 0;
    for (long p : pids()) {
      try {
        seconds += cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(p), "stat")));
      } catch (IOException | RuntimeException e) {
        // the process ended meanwhile
      }
    }
    return seconds;
  }

  /** User plus system CPU seconds of a process's or thread's {@code stat} line in /proc. */
  static double cpuSecondsOf(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** The name of a process or thread in its {@code stat} line (its first 15 characters). */
  static String nameOf(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /**
   * Memory in MB now: resident set of a single process; for a tree, the proportional set size
   * (shared memory such as PostgreSQL's buffers counted once, not once per process).
   */
  long memoryMb() {
    if (!withDescendants) {
      return statusKb(pid, "VmRSS:") / 1024;
    }
    long kb = 0;
    for (long p : pids()) {
      kb += pssKb(p);
    }
    return kb / 1024;
  }

  /** Peak resident set of the process since it started, in MB (the tree's root only). */
  long peakRssMb() {
    return statusKb(pid, "VmHWM:") / 1024;
  }

  private List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    if (withDescendants) {
      ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
    }
    return pids;
  }

  private static long statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // ended
    }
    return 0;
  }

  private static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // ended, or no smaps_rollup: count its resident set instead
      return statusKb(pid, "VmRSS:");
    }
    return 0;
  }
}
