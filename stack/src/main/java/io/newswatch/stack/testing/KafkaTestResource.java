package io.newswatch.stack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: a real Kafka broker (KRaft, in the test JVM) with the NewsWatch topics.
 *
 * <p>Use with {@code @WithTestResource(KafkaTestResource.class)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", SharedServers.kafkaBootstrapServers());
  }

  @Override
  public void stop() {
    // The broker is shared by every test class of this JVM and stops when the JVM exits.
  }
}
