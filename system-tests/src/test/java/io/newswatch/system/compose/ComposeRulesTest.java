package io.newswatch.system.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each compose rule catches the mistake it is there for, and a right file passes them all. */
class ComposeRulesTest {

  private static final Map<String, Integer> TOPICS =
      Map.of("newswatch.items.raw", 6, "newswatch.items.classified", 6);

  /** A small compose file that passes every rule; the cases below break it one way each. */
  private static final String VALID =
      """
      x-ready: &ready
        interval: 10s
      services:
        kafka:
          image: apache/kafka:4.1.1
          environment:
            KAFKA_PROCESS_ROLES: broker,controller
            KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093
            KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
          healthcheck:
            test: ["CMD-SHELL", "kafka-broker-api-versions.sh --bootstrap-server localhost:9092"]
        kafka-init:
          image: apache/kafka:4.1.1
          restart: "no"
          depends_on:
            kafka:
              condition: service_healthy
          environment:
            TOPICS: newswatch.items.raw:6 newswatch.items.classified:6
          command: ["for t in $$TOPICS; do kafka-topics.sh --create --partitions 6; done"]
        postgres:
          image: postgres:17
          command: ["postgres", "-c", "max_locks_per_transaction=128"]
          volumes:
            - ./init.sh:/docker-entrypoint-initdb.d/init.sh:ro
          healthcheck:
            test: ["CMD-SHELL", "pg_isready -h 127.0.0.1"]
        ingest-service:
          build:
            context: ./ingest-service
            dockerfile: src/main/docker/Dockerfile.jvm
          depends_on:
            kafka:
              condition: service_healthy
            kafka-init:
              condition: service_completed_successfully
            postgres:
              condition: service_healthy
          environment:
            KAFKA_BOOTSTRAP_SERVERS: kafka:9092
            QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/newswatch_ingest
            QUARKUS_DATASOURCE_USERNAME: newswatch_ingest
            QUARKUS_DATASOURCE_PASSWORD: secret
            NEWSWATCH_AUTH_DIRECTORY_URL: http://alert-service:8083
          ports:
            - "8081"
          healthcheck:
            <<: *ready
            test: ["CMD", "bash", "-c", "GET /q/health/ready on 127.0.0.1/8081"]
        classify-service:
          build:
            context: ./classify-service
            dockerfile: src/main/docker/Dockerfile.jvm
          depends_on:
            kafka:
              condition: service_healthy
            kafka-init:
              condition: service_completed_successfully
          environment:
            - KAFKA_BOOTSTRAP_SERVERS=kafka:9092
            - NEWSWATCH_AUTH_DIRECTORY_URL=http://alert-service:8083
          healthcheck:
            test: ["CMD", "bash", "-c", "GET /q/health/ready on 127.0.0.1/8082"]
        alert-service:
          build:
            context: ./alert-service
            dockerfile: src/main/docker/Dockerfile.jvm
          depends_on:
            kafka:
              condition: service_healthy
            kafka-init:
              condition: service_completed_successfully
            postgres:
              condition: service_healthy
          environment:
            KAFKA_BOOTSTRAP_SERVERS: kafka:9092
            QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/newswatch_alert
            QUARKUS_DATASOURCE_USERNAME: newswatch_alert
            QUARKUS_DATASOURCE_PASSWORD: secret
            NEWSWATCH_ADMIN_PASSWORD: ${NEWSWATCH_ADMIN_PASSWORD}
          ports:
            - target: 8083
          healthcheck:
            test: ["CMD", "bash", "-c", "GET /q/health/ready on 127.0.0.1/8083"]
        mailpit:
          image: axllent/mailpit:latest
          ports:
            - "8025:8025"
          healthcheck:
            test: ["CMD", "/mailpit", "readyz"]
      """;

  private static final String DOCKERFILE =
      """
      FROM eclipse-temurin:17-jre
      COPY target/quarkus-app/lib/ /deployments/lib/
      COPY target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
      COPY target/quarkus-app/quarkus/ /deployments/quarkus/
      COPY target/quarkus-app/app/ /deployments/app/
      ENTRYPOINT ["sh", "-c", "exec java -jar /deployments/quarkus-run.jar"]
      """;

  @TempDir Path root;

  @BeforeEach
  void aCheckoutWithThreeServices() throws Exception {
    for (String module : new String[] {"ingest-service", "classify-service", "alert-service"}) {
      Path docker = Files.createDirectories(root.resolve(module).resolve("src/main/docker"));
      Files.writeString(docker.resolve("Dockerfile.jvm"), DOCKERFILE);
    }
    Files.writeString(
        root.resolve("init.sh"),
        "CREATE DATABASE newswatch_ingest OWNER x;\nCREATE DATABASE newswatch_alert OWNER y;\n");
  }

  private static ServiceConfiguration configuration(String module) {
    Properties properties = new Properties();
    Set<String> variables;
    switch (module) {
      case "ingest-service" -> {
        properties.setProperty("quarkus.http.port", "8081");
        properties.setProperty("quarkus.datasource.db-kind", "postgresql");
        variables =
            Set.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_HTTP_PORT",
                "NEWSWATCH_AUTH_DIRECTORY_URL",
                "NEWSWATCH_FETCH_ALLOW");
      }
      case "classify-service" -> {
        properties.setProperty("quarkus.http.port", "8082");
        variables =
            Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_HTTP_PORT", "NEWSWATCH_AUTH_DIRECTORY_URL");
      }
      default -> {
        properties.setProperty("quarkus.http.port", "8083");
        properties.setProperty("quarkus.datasource.db-kind", "postgresql");
        properties.setProperty(ComposeRules.ALERT_BATCH, "100");
        variables =
            Set.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_HTTP_PORT",
                "NEWSWATCH_AUTH_DIRECTORY_URL",
                "NEWSWATCH_ADMIN_PASSWORD");
      }
    }
    return new ServiceConfiguration(module, variables, properties);
  }

  private java.util.List<String> check(String yaml) {
    return ComposeRules.check(
        ComposeFile.parse(yaml), root, ComposeRulesTest::configuration, TOPICS);
  }

  @Test
  void aRightFilePassesEveryRule() {
    assertThat(check(VALID)).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'KAFKA_PROCESS_ROLES: broker,controller' | 'KAFKA_PROCESS_ROLES: broker' | 'kafka: KAFKA_PROCESS_ROLES must be broker,controller (KRaft), was ''broker'''
          'image: postgres:17' | 'image: mysql:8' | 'compose: no PostgreSQL from the official postgres image'
          'image: axllent/mailpit:latest' | 'image: nginx:latest' | 'compose: no mail catcher (mailpit) for email alerts'
          'test: ["CMD", "/mailpit", "readyz"]' | 'test: ["NONE"]' | 'mailpit: no healthcheck'
          'TOPICS: newswatch.items.raw:6 newswatch.items.classified:6' | 'TOPICS: newswatch.items.raw:6 newswatch.items.classified:1' | 'kafka-init: creates newswatch.items.classified with 1 partitions, needs 6'
          'TOPICS: newswatch.items.raw:6 newswatch.items.classified:6' | 'TOPICS: newswatch.items.raw:6' | 'kafka-init: does not create topic newswatch.items.classified'
          'NEWSWATCH_AUTH_DIRECTORY_URL: http://alert-service:8083' | 'NEWSWATCH_AUTH_DIRECTORY_URL: http://alert:8083' | 'ingest-service: NEWSWATCH_AUTH_DIRECTORY_URL must be http://alert-service:8083 (where users are checked), was http://alert:8083'
          'NEWSWATCH_AUTH_DIRECTORY_URL: http://alert-service:8083' | 'NEWSWATCH_AUTH_DIRECTORY_URL: http://alert-service:8083\\n      NEWSWATCH_INGEST_POLL_CONCURENCY: 4' | 'ingest-service: NEWSWATCH_INGEST_POLL_CONCURENCY is not a setting of ingest-service'
          '- KAFKA_BOOTSTRAP_SERVERS=kafka:9092\\n      - NEWSWATCH' | '- KAFKA_BOOTSTRAP_SERVERS=kafka:9092\\n      - QUARKUS_DATASOURCE_JDBC_URL=x\\n      - NEWSWATCH' | 'classify-service: QUARKUS_DATASOURCE_JDBC_URL is not a setting of classify-service'
          '- KAFKA_BOOTSTRAP_SERVERS=kafka:9092\\n      - NEWSWATCH' | '- KAFKA_BOOTSTRAP_SERVERS=localhost:9092\\n      - NEWSWATCH' | 'classify-service: KAFKA_BOOTSTRAP_SERVERS localhost:9092 is not a listener that kafka advertises (PLAINTEXT://kafka:9092)'
          '- KAFKA_BOOTSTRAP_SERVERS=kafka:9092\\n      - NEWSWATCH' | '- KAFKA_BOOTSTRAP_SERVERS=kafka:9092\\n      - JAVA_HOME=/opt\\n      - NEWSWATCH' | 'classify-service: JAVA_HOME is neither a NewsWatch, Quarkus or Kafka setting'
          'NEWSWATCH_ADMIN_PASSWORD: ${NEWSWATCH_ADMIN_PASSWORD}' | 'NEWSWATCH_ADMIN_USER: admin' | 'alert-service: NEWSWATCH_ADMIN_PASSWORD (the first admin''s) is not set'
          '- "8081"' | '- "8081:8081"' | 'ingest-service: publishes a fixed host port ("8081:8081"): it could not be scaled'
          '- "8081"' | '- "9090"' | 'ingest-service: publishes port 9090 but listens on 8081'
          '- target: 8083' | '- target: 8083\\n        published: 8083' | 'alert-service: publishes a fixed host port ({"target":8083,"published":8083}): it could not be scaled'
          '  ingest-service:\\n    build:' | '  ingest-service:\\n    container_name: ingest\\n    build:' | 'ingest-service: has a container_name: it could not be scaled'
          'context: ./classify-service' | 'context: ./classifier' | 'classify-service: build context ./classifier does not exist'
          'GET /q/health/ready on 127.0.0.1/8082' | 'GET /q/health/live on 127.0.0.1/8082' | 'classify-service: its healthcheck must ask /q/health/ready on port 8082'
          '      kafka-init:\\n        condition: service_completed_successfully\\n      postgres:\\n        condition: service_healthy\\n    environment:\\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\\n      QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/newswatch_ingest' | '      kafka-init:\\n        condition: service_completed_successfully\\n      postgres:\\n        condition: service_started\\n    environment:\\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\\n      QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/newswatch_ingest' | 'ingest-service: depends on postgres with condition service_started, must be service_healthy'
          'postgres:5432/newswatch_alert' | 'postgres:5432/newswatch_ingest' | 'alert-service: shares database newswatch_ingest with ingest-service'
          'command: ["postgres", "-c", "max_locks_per_transaction=128"]' | 'command: ["postgres"]' | 'postgres: its lock table (max_locks_per_transaction 64 x max_connections 100) holds fewer than the story locks of 4 alert-service instances (2500 each: 25 a record of a batch of 100); set max_locks_per_transaction to 100 or more'
          'max_locks_per_transaction=128' | 'max_locks_per_transaction=96' | 'postgres: its lock table (max_locks_per_transaction 96 x max_connections 100) holds fewer than the story locks of 4 alert-service instances (2500 each: 25 a record of a batch of 100); set max_locks_per_transaction to 100 or more'
          'postgres:5432/newswatch_alert' | 'postgres:5432/newswatch_audit' | 'alert-service: database newswatch_audit is created by no script mounted in postgres:/docker-entrypoint-initdb.d'
          """)
  void catchesEachMistake(String original, String broken, String problem) {
    String yaml = VALID.replace(original.replace("\\n", "\n"), broken.replace("\\n", "\n"));
    assertThat(yaml).as("the case must change the file").isNotEqualTo(VALID);

    assertThat(check(yaml)).contains(problem);
  }

  @Test
  void moreConnectionsMakeRoomForTheStoryLocksToo() {
    String yaml =
        VALID.replace(
            "command: [\"postgres\", \"-c\", \"max_locks_per_transaction=128\"]",
            "command: postgres -c max_connections=200");
    assertThat(yaml).isNotEqualTo(VALID);

    assertThat(check(yaml)).isEmpty();
    assertThat(check(yaml.replace("max_connections=200", "max_connections=150")))
        .anyMatch(problem -> problem.startsWith("postgres: its lock table"));
  }

  @Test
  void aDockerfileMustCopyTheWholeFastJarAndRunIt() throws Exception {
    Files.writeString(
        root.resolve("alert-service/src/main/docker/Dockerfile.jvm"),
        "FROM eclipse-temurin:17-jre\nCOPY target/*-runner.jar /app.jar\nCMD java -jar /app.jar\n");

    assertThat(check(VALID))
        .contains(
            "alert-service: the Dockerfile does not copy target/quarkus-app/lib/ (Quarkus fast-jar)",
            "alert-service: the Dockerfile does not copy target/quarkus-app/quarkus-run.jar"
                + " (Quarkus fast-jar)",
            "alert-service: the Dockerfile does not run quarkus-run.jar");
  }

  @Test
  void readsTheSettingsOfConfigMappingInterfacesWithTheirGroups() {
    String source =
        """
        /** Settings. {@link #ignored()} */
        @ConfigMapping(prefix = "newswatch.classify")
        public interface ClassifyConfig {
          /** Where it comes from. */
          TaxonomySettings taxonomy();

          @WithDefault("1048576")
          int maxRecordBytes();

          interface TaxonomySettings {
            Optional<Path> path();

            @WithDefault("30s")
            String reloadInterval();
          }
        }
        """;

    assertThat(ServiceConfiguration.configMappingProperties(source))
        .containsExactlyInAnyOrder(
            "newswatch.classify.max-record-bytes",
            "newswatch.classify.taxonomy.path",
            "newswatch.classify.taxonomy.reload-interval");
  }

  @Test
  void mapKeysInQuarkusSettingsStandForAnyName() {
    ServiceConfiguration config =
        new ServiceConfiguration(
            "x", Set.of("QUARKUS_LOG_CATEGORY__CATEGORY__LEVEL"), new Properties());

    assertThat(config.knows("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL")).isTrue();
    assertThat(config.knows("QUARKUS_LOG_CATEGORY_LEVEL")).isFalse();
  }
}
