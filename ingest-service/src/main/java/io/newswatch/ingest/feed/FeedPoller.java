package io.newswatch.ingest.feed;

import io.newswatch.events.RawItem;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.fetch.FeedFetcher;
import io.newswatch.ingest.fetch.FetchResult;
import io.newswatch.ingest.parse.FeedParseException;
import io.newswatch.ingest.parse.FeedParser;
import io.newswatch.ingest.parse.ItemMapper;
import io.newswatch.ingest.parse.ParsedFeed;
import io.newswatch.ingest.publish.RawItemPublisher;
import io.newswatch.ingest.publish.SeenItems;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One poll of one feed: fetch, parse, publish what is new, record the outcome.
 *
 * <p>Not transactional as a whole: the fetch and the Kafka sends must not hold a database
 * connection. Each item is recorded as seen only after Kafka acknowledged it, so a crash or a
 * broker outage loses nothing; the next poll publishes what was not acknowledged.
 */
@ApplicationScoped
public class FeedPoller {

  private final FeedService feeds;
  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final SeenItems seenItems;
  private final RawItemPublisher publisher;
  private final IngestConfig config;
  private final ItemMapper mapper;
  private final Clock clock;

  FeedPoller(
      FeedService feeds,
      FeedFetcher fetcher,
      FeedParser parser,
      SeenItems seenItems,
      RawItemPublisher publisher,
      IngestConfig config,
      Clock clock) {
    this.feeds = feeds;
    this.fetcher = fetcher;
    this.parser = parser;
    this.seenItems = seenItems;
    this.publisher = publisher;
    this.config = config;
    this.mapper = new ItemMapper(config.maxTextChars());
    this.clock = clock;
  }

  /** Polls a feed now. */
  public PollReport poll(long feedId) {
    FeedService.FeedTarget feed = feeds.target(feedId);
    Instant fetchedAt = Instant.now(clock);
    FetchResult result;
    try {
      result = fetcher.fetch(feed.url(), feed.etag(), feed.lastModified());
    } catch (IOException e) {
      return failed(feed, null, "fetch failed: " + describe(e), fetchedAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(feed, null, "interrupted", fetchedAt);
    }
    if (result.isNotModified()) {
      feeds.recordSuccess(feedId, 304, null, null, 0, fetchedAt);
      Log.infof("polled feed %d: not modified", feedId);
      return new PollReport(feedId, 304, 0, 0, 0, null);
    }
    if (!result.isSuccess()) {
      return failed(feed, result.status(), "HTTP " + result.status(), fetchedAt);
    }
    ParsedFeed parsed;
    try {
      parsed = parser.parse(result.body(), result.contentType());
    } catch (FeedParseException e) {
      return failed(feed, result.status(), e.getMessage(), fetchedAt);
    }
    String sourceName = feed.name() != null ? feed.name() : parsed.title();
    List<RawItem> items =
        parsed.entries().stream()
            .limit(config.maxItemsPerFetch())
            .map(
                entry ->
                    mapper.toRawItem(
                        Long.toString(feedId),
                        feed.url().toString(),
                        sourceName,
                        parsed.language(),
                        entry,
                        fetchedAt))
            .toList();
    Set<String> seen = seenItems.alreadySeen(items.stream().map(RawItem::id).toList());
    int published = 0;
    for (RawItem item : items) {
      if (seen.contains(item.id())) {
        continue;
      }
      try {
        publisher.publish(item);
      } catch (RuntimeException e) {
        String error = "Kafka did not take item " + item.id() + ": " + describe(e);
        feeds.recordFailure(feedId, result.status(), error, published, fetchedAt);
        Log.warnf("polled feed %d: %s; %d published before", feedId, error, published);
        return new PollReport(feedId, result.status(), items.size(), published, seen.size(), error);
      }
      seenItems.markSeen(item.id(), feedId, fetchedAt);
      seen.add(item.id());
      published++;
    }
    feeds.recordSuccess(
        feedId, result.status(), result.etag(), result.lastModified(), published, fetchedAt);
    int alreadySeen = items.size() - published;
    Log.infof(
        "polled feed %d: HTTP %d, %d items, %d published, %d seen before",
        feedId, result.status(), items.size(), published, alreadySeen);
    return new PollReport(feedId, result.status(), items.size(), published, alreadySeen, null);
  }

  private PollReport failed(
      FeedService.FeedTarget feed, Integer status, String error, Instant fetchedAt) {
    feeds.recordFailure(feed.id(), status, error, 0, fetchedAt);
    Log.infof("polled feed %d: %s", feed.id(), error);
    return PollReport.failed(feed.id(), status, error);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
