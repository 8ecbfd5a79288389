package io.newswatch.stack.testing;

import io.newswatch.stack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: a real PostgreSQL 17 server, with a new empty database for each
 * application start.
 *
 * <p>Use with {@code @WithTestResource(PostgresTestResource.class)}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "quarkus.datasource.jdbc.url",
        SharedServers.freshDatabaseUrl(),
        "quarkus.datasource.username",
        PostgresServer.USER,
        "quarkus.datasource.password",
        "");
  }

  @Override
  public void stop() {
    // The server is shared by every test class of this JVM and stops when the JVM exits.
  }
}
