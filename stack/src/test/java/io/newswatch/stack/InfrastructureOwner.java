package io.newswatch.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/** A JVM that starts PostgreSQL and Kafka and then waits to be killed, for the orphan test. */
public final class InfrastructureOwner {

  private static final String MARKER = "started ";

  private InfrastructureOwner() {}

  public static void main(String[] args) throws InterruptedException {
    PostgresServer postgres = PostgresServer.startTemporary();
    KafkaBroker kafka = KafkaBroker.startTemporary(1);
    System.out.println(
        MARKER + postgres.pid() + " " + postgres.dataDirectory() + " " + kafka.dataDirectory());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Postgres pid, Postgres data directory and Kafka data directory from the owner's output. */
  static List<String> readStarted(BufferedReader out) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(MARKER)) {
        return List.of(line.substring(MARKER.length()).split(" ", 3));
      }
    }
    throw new IOException("the owner ended without starting its servers");
  }
}
