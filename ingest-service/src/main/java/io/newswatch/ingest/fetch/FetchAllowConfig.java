package io.newswatch.ingest.fetch;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The URL guard's allow-list ({@code NEWSWATCH_FETCH_ALLOW}): comma-separated {@code host:port}
 * entries that may be fetched although they are local, for test and demo feed servers. Empty by
 * default. The same variable configures every service that fetches URLs.
 */
@ConfigMapping(prefix = "newswatch.fetch")
public interface FetchAllowConfig {

  /** For example {@code 127.0.0.1:8089,[::1]:8090}. */
  Optional<String> allow();
}
