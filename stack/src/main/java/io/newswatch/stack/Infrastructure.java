package io.newswatch.stack;

import io.newswatch.events.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the services need around them: one Kafka broker with the NewsWatch topics and one PostgreSQL
 * server with a database per stateful service.
 */
public final class Infrastructure implements AutoCloseable {

  /**
   * Partitions per topic. The item topics have room for several consumer instances; dead-letter
   * topics are read by people, one partition is plenty.
   */
  public static final Map<String, Integer> TOPICS =
      Map.of(
          Topics.RAW_ITEMS, 6,
          Topics.CLASSIFIED_ITEMS, 6,
          Topics.ALERTS, 3,
          Topics.RAW_ITEMS_DEAD_LETTER, 1,
          Topics.CLASSIFIED_ITEMS_DEAD_LETTER, 1);

  private final KafkaBroker kafka;
  private final PostgresServer postgres;

  private Infrastructure(KafkaBroker kafka, PostgresServer postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  /**
   * Starts broker and database and prepares topics and databases.
   *
   * @param dataDirectory where both keep their data between runs; null for temporary storage
   */
  public static Infrastructure start(Path dataDirectory) {
    KafkaBroker kafka =
        KafkaBroker.start(dataDirectory == null ? null : dataDirectory.resolve("kafka"), 0, 3);
    try {
      kafka.createTopics(TOPICS);
      PostgresServer postgres =
          PostgresServer.start(dataDirectory == null ? null : dataDirectory.resolve("postgres"), 0);
      for (Service service : Service.values()) {
        if (service.database() != null) {
          postgres.createDatabase(service.database());
        }
      }
      return new Infrastructure(kafka, postgres);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  /** The environment variables that point a service at this infrastructure. */
  public Map<String, String> environmentFor(Service service) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    if (service.database() != null) {
      environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
      environment.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
      environment.put("QUARKUS_DATASOURCE_PASSWORD", "");
    }
    return environment;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } finally {
      kafka.close();
    }
  }
}
