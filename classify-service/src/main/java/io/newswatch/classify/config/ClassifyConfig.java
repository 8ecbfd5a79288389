package io.newswatch.classify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of classify-service, from {@code newswatch.classify.*} (NEWSWATCH_CLASSIFY_*). */
@ConfigMapping(prefix = "newswatch.classify")
public interface ClassifyConfig {

  /** Where the taxonomy comes from and how often a changed one is picked up. */
  TaxonomySettings taxonomy();

  /**
   * Largest raw record accepted, in bytes; a larger one goes to the dead-letter topic unread, so
   * that one giant record cannot stall a partition or exhaust memory.
   */
  @WithDefault("1048576")
  int maxRecordBytes();

  /** The taxonomy source. */
  interface TaxonomySettings {

    /**
     * Directory holding taxonomy.properties, regions.tsv, actors.tsv and cues.tsv, replacing the
     * built-in taxonomy; absent: the taxonomy shipped in newswatch-taxonomy.
     */
    Optional<Path> path();

    /**
     * How often the directory is checked for changes (a duration such as {@code 30s}, or {@code
     * off}); a change is loaded without restart, and an invalid one is refused, keeping the current
     * taxonomy.
     */
    @WithDefault("30s")
    String reloadInterval();
  }
}
