package io.newswatch.ingest.fetch;

import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.parse.FeedParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.http.HttpClient;

/** Wires the plain fetching and parsing classes into CDI. */
@ApplicationScoped
public class FetchBeans {

  @Produces
  @ApplicationScoped
  FeedFetcher feedFetcher(IngestConfig config) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new FeedFetcher(
        client, config.userAgent(), config.requestTimeout(), config.maxBodyBytes());
  }

  @Produces
  @ApplicationScoped
  FeedParser feedParser() {
    return new FeedParser();
  }
}
