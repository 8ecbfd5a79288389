package io.newswatch.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of ingest-service ({@code newswatch.ingest.*}, or {@code NEWSWATCH_INGEST_*}). */
@ConfigMapping(prefix = "newswatch.ingest")
public interface IngestConfig {

  /** The {@code User-Agent} sent to feed servers: names NewsWatch so admins can reach us. */
  @WithDefault("NewsWatch/0.1 (news monitoring; +https://github.com/newswatch/newswatch)")
  String userAgent();

  /** Time allowed to open a connection. */
  @WithDefault("10s")
  Duration connectTimeout();

  /** Time allowed for a whole request up to the response headers. */
  @WithDefault("30s")
  Duration requestTimeout();

  /** Largest feed body read; longer bodies are cut and reported. */
  @WithDefault("10485760")
  int maxBodyBytes();

  /** Most items taken from one fetch; the rest wait for the next poll. */
  @WithDefault("500")
  int maxItemsPerFetch();

  /** Longest item text published; longer texts are cut and flagged. */
  @WithDefault("100000")
  int maxTextChars();
}
