package io.newswatch.ingest.fetch;

import java.time.Duration;

/**
 * How a {@link FeedFetcher} behaves.
 *
 * @param userAgent the {@code User-Agent} header
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout longest silence of the server while we wait for headers or body bytes
 * @param totalTimeout time allowed for the whole fetch, redirects and body included
 * @param maxBodyBytes bodies larger than this after decompression are cut off and reported
 * @param maxRedirects redirects followed before giving up
 * @param maxConnectionsPerHost fetches from one host running at the same time
 */
public record FetchSettings(
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    Duration totalTimeout,
    int maxBodyBytes,
    int maxRedirects,
    int maxConnectionsPerHost) {}
