package io.newswatch.stack;

import java.nio.file.Path;

/** A JVM that guards the process named in a pid file, then waits to be killed, for WatchdogTest. */
public final class PidFileGuardOwner {

  static final String READY = "guarding";

  private PidFileGuardOwner() {}

  public static void main(String[] args) throws InterruptedException {
    Watchdog.guardPidFile(Path.of(args[0]), args[1], "TERM", null);
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
