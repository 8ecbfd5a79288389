package io.newswatch.stack.testing;

import io.newswatch.stack.Infrastructure;
import io.newswatch.stack.KafkaBroker;
import io.newswatch.stack.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when
 * the JVM exits (the PostgreSQL watchdog covers a killed JVM).
 *
 * <p>Quarkus restarts an application for every test class with other test resources, and may load
 * this class more than once in different class loaders; the servers' addresses therefore live in
 * system properties, which every class loader sees, and each server starts only once.
 */
public final class SharedServers {

  private static final String KAFKA = "newswatch.test.kafka.bootstrap-servers";
  private static final String POSTGRES = "newswatch.test.postgres.port";

  private SharedServers() {}

  /** Bootstrap servers of the shared broker, which has the NewsWatch topics. */
  public static String kafkaBootstrapServers() {
    synchronized (System.getProperties()) {
      String existing = System.getProperty(KAFKA);
      if (existing != null) {
        return existing;
      }
      KafkaBroker broker = KafkaBroker.startTemporary(3);
      broker.createTopics(Infrastructure.TOPICS);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
      System.setProperty(KAFKA, broker.bootstrapServers());
      return broker.bootstrapServers();
    }
  }

  /** Port of the shared PostgreSQL server on 127.0.0.1. */
  public static int postgresPort() {
    synchronized (System.getProperties()) {
      String existing = System.getProperty(POSTGRES);
      if (existing != null) {
        return Integer.parseInt(existing);
      }
      PostgresServer postgres = PostgresServer.startTemporary();
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
      System.setProperty(POSTGRES, Integer.toString(postgres.port()));
      return postgres.port();
    }
  }

  /** JDBC URL of a new, empty database, so that no test sees another test's rows. */
  public static String freshDatabaseUrl() {
    String base = "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/";
    String name =
        "test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Connection connection =
        DriverManager.getConnection(base + "postgres", PostgresServer.USER, "")) {
      PostgresServer.createDatabase(connection, name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    return base + name;
  }
}
