package io.newswatch.system.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.stack.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The repository's docker-compose.yml, checked without a Docker engine against the services it
 * runs: their packaged configuration, their Dockerfiles, the topics and databases they need.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of(System.getProperty("newswatch.root", "..")).normalize();

  private final Map<String, ServiceConfiguration> configurations = new HashMap<>();

  private ServiceConfiguration configuration(String module) {
    return configurations.computeIfAbsent(module, m -> ServiceConfiguration.of(ROOT, m));
  }

  @Test
  void theComposeFileRunsNewsWatchAsItsServicesExpect() throws Exception {
    ComposeFile compose = ComposeFile.parse(Files.readString(ROOT.resolve("docker-compose.yml")));

    assertThat(ComposeRules.check(compose, ROOT, this::configuration, Infrastructure.TOPICS))
        .isEmpty();
    assertThat(compose.services())
        .contains("kafka", "postgres", "ingest-service", "classify-service", "alert-service");
  }

  @Test
  void whatAServiceKnowsComesFromItsOwnConfiguration() {
    ServiceConfiguration ingest = configuration("ingest-service");
    ServiceConfiguration classify = configuration("classify-service");

    assertThat(ingest.knows("NEWSWATCH_FETCH_ALLOW")).isTrue();
    assertThat(ingest.knows("NEWSWATCH_INGEST_POLL_CONCURRENCY")).isTrue();
    assertThat(ingest.knows("NEWSWATCH_AUTH_DIRECTORY_URL")).isTrue();
    assertThat(ingest.knows("QUARKUS_DATASOURCE_JDBC_URL")).isTrue();
    assertThat(ingest.knows("QUARKUS_LOG_CONSOLE_JSON")).isTrue();
    assertThat(ingest.knows("QUARKUS_HTTP_PORT")).isTrue();
    assertThat(ingest.knows("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL")).isTrue();
    assertThat(ingest.knows("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
    assertThat(classify.knows("NEWSWATCH_CLASSIFY_TAXONOMY_PATH")).isTrue();
    assertThat(classify.knows("NEWSWATCH_CLASSIFY_TAXONOMY_RELOAD_INTERVAL")).isTrue();

    assertThat(classify.knows("NEWSWATCH_INGEST_POLL_CONCURRENCY")).isFalse();
    assertThat(classify.knows("QUARKUS_DATASOURCE_JDBC_URL")).isFalse();
    assertThat(ingest.knows("NEWSWATCH_INGEST_POLL_CONCURENCY")).isFalse();
    assertThat(ingest.knows("QUARKUS_HTTP_PROT")).isFalse();
    assertThat(ingest.knows("KAFKA_BOOTSTRAP_SERVER")).isFalse();
  }
}
