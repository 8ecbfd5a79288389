package io.newswatch.ingest.fetch;

import io.newswatch.common.net.AllowList;
import io.newswatch.common.net.UrlGuard;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.parse.FeedParser;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Wires the plain fetching, guarding and parsing classes into CDI. */
@ApplicationScoped
public class FetchBeans {

  @Produces
  @ApplicationScoped
  UrlGuard urlGuard(FetchAllowConfig allow) {
    AllowList allowList = AllowList.parse(allow.allow().orElse(""));
    if (!allowList.isEmpty()) {
      Log.infof("URL guard admits these local endpoints: %s", allowList);
    }
    return UrlGuard.withSystemDns(allowList);
  }

  @Produces
  @ApplicationScoped
  FeedFetcher feedFetcher(UrlGuard guard, IngestConfig config) {
    return new FeedFetcher(
        guard,
        new FetchSettings(
            config.userAgent(),
            config.connectTimeout(),
            config.readTimeout(),
            config.requestTimeout(),
            config.maxBodyBytes(),
            config.maxRedirects(),
            config.maxConnectionsPerHost()));
  }

  void closeFetcher(@Disposes FeedFetcher fetcher) {
    fetcher.close();
  }

  @Produces
  @ApplicationScoped
  FeedParser feedParser() {
    return new FeedParser();
  }
}
