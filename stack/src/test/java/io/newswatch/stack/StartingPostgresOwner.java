package io.newswatch.stack;

import java.nio.file.Path;

/**
 * A JVM that starts PostgreSQL in a directory it prints first, so that a test can kill it while the
 * server is still starting.
 */
public final class StartingPostgresOwner {

  static final String MARKER = "data ";

  private StartingPostgresOwner() {}

  public static void main(String[] args) throws InterruptedException {
    Path directory = Path.of(args[0]);
    System.out.println(MARKER + directory);
    System.out.flush();
    PostgresServer.start(directory, 0);
    Thread.sleep(Long.MAX_VALUE);
  }
}
