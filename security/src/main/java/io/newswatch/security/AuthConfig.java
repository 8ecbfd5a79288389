package io.newswatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Authentication settings shared by the services ({@code newswatch.auth.*}). */
@ConfigMapping(prefix = "newswatch.auth")
public interface AuthConfig {

  /**
   * Base URL of alert-service, which keeps the users ({@code NEWSWATCH_AUTH_DIRECTORY_URL}). Needed
   * by ingest-service and classify-service; alert-service checks its own database.
   */
  Optional<URI> directoryUrl();

  /** How long verified credentials are remembered; also how long a deleted user may linger. */
  @WithDefault("30s")
  Duration cacheTimeToLive();
}
