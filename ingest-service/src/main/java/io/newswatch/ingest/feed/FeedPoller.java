package io.newswatch.ingest.feed;

import io.newswatch.common.web.ProblemException;
import io.newswatch.events.RawItem;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.fetch.FeedFetcher;
import io.newswatch.ingest.fetch.FetchException;
import io.newswatch.ingest.fetch.FetchResult;
import io.newswatch.ingest.parse.FeedParseException;
import io.newswatch.ingest.parse.FeedParser;
import io.newswatch.ingest.parse.ItemMapper;
import io.newswatch.ingest.parse.ParsedFeed;
import io.newswatch.ingest.publish.RawItemPublisher;
import io.newswatch.ingest.publish.SeenItems;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One poll of one feed: fetch, parse, publish what is new, record the outcome and schedule the next
 * poll.
 *
 * <p>Not transactional as a whole: the fetch and the Kafka sends must not hold a database
 * connection. Items are recorded as seen only after Kafka acknowledged them, and the feed's
 * validators are replaced only once every new item of the answer is published, so a crash or a
 * broker outage loses nothing: the next poll publishes what was not acknowledged.
 */
@ApplicationScoped
public class FeedPoller {

  private static final Duration REFRESH_RETRY = Duration.ofMillis(100);

  private final FeedService feeds;
  private final FeedLeases leases;
  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final SeenItems seenItems;
  private final RawItemPublisher publisher;
  private final PollMetrics metrics;
  private final IngestConfig config;
  private final ItemMapper mapper;
  private final Clock clock;

  /** Polls this instance is running, so that a refresh of the same feed waits for its report. */
  private final Map<Long, CompletableFuture<PollReport>> running = new ConcurrentHashMap<>();

  FeedPoller(
      FeedService feeds,
      FeedLeases leases,
      FeedFetcher fetcher,
      FeedParser parser,
      SeenItems seenItems,
      RawItemPublisher publisher,
      PollMetrics metrics,
      IngestConfig config,
      Clock clock) {
    this.feeds = feeds;
    this.leases = leases;
    this.fetcher = fetcher;
    this.parser = parser;
    this.seenItems = seenItems;
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
    this.mapper = new ItemMapper(config.maxTextChars());
    this.clock = clock;
  }

  /**
   * Polls a feed now, at a caller's request. When this instance is polling it already, answers with
   * that poll's report; when another instance is, waits for it to finish first.
   *
   * @throws ProblemException 404 for an unknown feed, 409 when another instance holds it too long
   */
  public PollReport refresh(long id) {
    long deadline = System.nanoTime() + config.requestTimeout().multipliedBy(3).toNanos();
    while (true) {
      if (leases.claim(id)) {
        return pollLeased(id).orElseThrow(() -> ProblemException.notFound("feed " + id));
      }
      CompletableFuture<PollReport> inFlight = running.get(id);
      if (inFlight != null) {
        Optional<PollReport> report = await(inFlight, deadline);
        if (report.isPresent()) {
          return report.get();
        }
      } else if (!feeds.exists(id)) {
        throw ProblemException.notFound("feed " + id);
      }
      if (System.nanoTime() > deadline) {
        throw new ProblemException(
            409, "feed " + id + " is being polled by another instance; try again shortly");
      }
      pause();
    }
  }

  /**
   * Polls a feed whose lease this instance holds, and releases the lease.
   *
   * @return the report, or empty when the feed was deleted
   */
  @ActivateRequestContext
  Optional<PollReport> pollLeased(long id) {
    CompletableFuture<PollReport> mine = new CompletableFuture<>();
    running.put(id, mine);
    try {
      Optional<PollReport> report = poll(id);
      if (report.isPresent()) {
        mine.complete(report.get());
      } else {
        mine.cancel(false);
      }
      return report;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      Log.errorf(e, "polling feed %d failed unexpectedly", id);
      recordQuietly(id, e);
      throw e;
    } finally {
      running.remove(id, mine);
    }
  }

  private Optional<PollReport> poll(long id) {
    Optional<FeedService.FeedTarget> target = feeds.target(id);
    if (target.isEmpty()) {
      leases.release(id);
      return Optional.empty();
    }
    FeedService.FeedTarget feed = target.get();
    Instant fetchedAt = Instant.now(clock);
    long started = System.nanoTime();
    FetchResult result;
    try {
      result = fetcher.fetch(feed.url(), feed.etag(), feed.lastModified());
    } catch (FetchException e) {
      Duration took = since(started);
      metrics.fetched(e.reason().name().toLowerCase(Locale.ROOT), null, took);
      PollOutcome outcome =
          e.reason() == FetchException.Reason.HOST_BUSY
              ? PollOutcome.postponed(fetchedAt, e.getMessage())
              : PollOutcome.failure(fetchedAt, null, e.getMessage(), 0);
      return finish(feed, outcome, 0, 0, false, took);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return finish(
          feed, PollOutcome.postponed(fetchedAt, "interrupted"), 0, 0, false, since(started));
    }
    Duration fetchTime = since(started);
    String movedTo = result.permanentUrl() == null ? null : result.permanentUrl().toString();
    int status = result.status();
    if (result.isNotModified()) {
      metrics.fetched("not_modified", status, fetchTime);
      boolean validators = result.etag() != null || result.lastModified() != null;
      PollOutcome outcome =
          new PollOutcome(
              PollOutcome.Kind.SUCCESS,
              fetchedAt,
              status,
              null,
              0,
              result.etag() != null ? result.etag() : feed.etag(),
              result.lastModified() != null ? result.lastModified() : feed.lastModified(),
              validators,
              movedTo,
              null);
      return finish(feed, outcome, 0, 0, false, since(started));
    }
    if (!result.isSuccess()) {
      PollOutcome.Kind kind;
      String error;
      if (status == 410) {
        kind = PollOutcome.Kind.GONE;
        error = "HTTP 410 Gone: the server says the feed was removed; polling stopped";
        metrics.fetched("gone", status, fetchTime);
      } else if (status == 429 || status == 503) {
        kind = PollOutcome.Kind.THROTTLED;
        error = "HTTP " + status + " " + reasonPhrase(status);
        metrics.fetched("throttled", status, fetchTime);
      } else {
        kind = PollOutcome.Kind.FAILURE;
        error = "HTTP " + status + reasonSuffix(status);
        metrics.fetched("http_error", status, fetchTime);
      }
      Duration retryAfter = RetryAfter.parse(result.retryAfter(), Instant.now(clock)).orElse(null);
      PollOutcome outcome =
          new PollOutcome(
              kind, fetchedAt, status, error, 0, null, null, false, movedTo, retryAfter);
      return finish(feed, outcome, 0, 0, false, since(started));
    }
    ParsedFeed parsed;
    try {
      parsed = parser.parse(result.body(), result.contentType());
    } catch (FeedParseException e) {
      metrics.fetched("unreadable", status, fetchTime);
      String error =
          result.truncated()
              ? "the feed is larger than "
                  + config.maxBodyBytes()
                  + " bytes and was cut off there ("
                  + e.getMessage()
                  + ")"
              : e.getMessage();
      return finish(
          feed,
          PollOutcome.failure(fetchedAt, status, error, 0).withMovedTo(movedTo),
          0,
          0,
          result.truncated(),
          since(started));
    }
    List<RawItem> items = items(feed, parsed, result, fetchedAt);
    Set<String> seen = seenItems.alreadySeen(items.stream().map(RawItem::id).toList());
    List<RawItem> fresh = items.stream().filter(item -> !seen.contains(item.id())).toList();
    RawItemPublisher.Publication publication = publisher.publishAll(fresh);
    seenItems.markSeen(publication.acknowledged(), feed.id(), fetchedAt);
    seenItems.stillInFeed(seen, fetchedAt);
    int published = publication.acknowledged().size();
    metrics.published(published);
    PollOutcome outcome;
    if (publication.error() != null) {
      metrics.fetched("publish_failed", status, fetchTime);
      outcome =
          PollOutcome.failure(fetchedAt, status, publication.error(), published)
              .withMovedTo(movedTo);
    } else {
      metrics.fetched("ok", status, fetchTime);
      outcome =
          new PollOutcome(
              PollOutcome.Kind.SUCCESS,
              fetchedAt,
              status,
              null,
              published,
              result.etag(),
              result.lastModified(),
              true,
              movedTo,
              null);
    }
    return finish(feed, outcome, items.size(), seen.size(), result.truncated(), since(started));
  }

  /** The feed's items as events, at most the per-fetch cap, each id once. */
  private List<RawItem> items(
      FeedService.FeedTarget feed, ParsedFeed parsed, FetchResult result, Instant fetchedAt) {
    String feedId = Long.toString(feed.id());
    String sourceName = feed.name() != null ? feed.name() : parsed.title();
    Map<String, RawItem> byId = new LinkedHashMap<>();
    parsed.entries().stream()
        .limit(config.maxItemsPerFetch())
        .map(
            entry ->
                mapper.toRawItem(
                    feedId,
                    result.url().toString(),
                    sourceName,
                    parsed.language(),
                    entry,
                    fetchedAt))
        .forEach(item -> byId.putIfAbsent(item.id(), item));
    return List.copyOf(byId.values());
  }

  private Optional<PollReport> finish(
      FeedService.FeedTarget feed,
      PollOutcome outcome,
      int items,
      int alreadySeen,
      boolean truncated,
      Duration took) {
    Optional<Instant> next = feeds.record(feed.id(), leases.instanceId(), outcome);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    PollReport report =
        new PollReport(
            feed.id(),
            outcome.status(),
            items,
            outcome.published(),
            alreadySeen,
            outcome.error(),
            truncated,
            outcome.movedTo(),
            next.get(),
            took.toMillis());
    log(feed, report);
    return Optional.of(report);
  }

  private static void log(FeedService.FeedTarget feed, PollReport report) {
    String status = report.status() == null ? "no answer" : "HTTP " + report.status();
    if (report.error() == null) {
      Log.infof(
          "polled feed %d (%s): %s, %d items, %d published, %d seen before, %d ms%s, next at %s",
          feed.id(),
          feed.url(),
          status,
          report.items(),
          report.published(),
          report.alreadySeen(),
          report.durationMillis(),
          report.movedTo() == null ? "" : ", moved permanently",
          report.nextPollAt());
    } else {
      Log.infof(
          "polled feed %d (%s): %s, %d published, %d ms, failed: %s; next at %s",
          feed.id(),
          feed.url(),
          status,
          report.published(),
          report.durationMillis(),
          report.error(),
          report.nextPollAt());
    }
  }

  /** After an unexpected error, back off like any failure instead of retrying every second. */
  private void recordQuietly(long id, RuntimeException cause) {
    try {
      feeds.record(
          id,
          leases.instanceId(),
          PollOutcome.failure(
              Instant.now(clock), null, "internal error while polling (see the service log)", 0));
    } catch (RuntimeException e) {
      Log.warnf("feed %d: could not record the failure; its lease will expire", id);
    }
  }

  private static Optional<PollReport> await(CompletableFuture<PollReport> poll, long deadline) {
    try {
      return Optional.of(poll.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (ExecutionException | CancellationException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a poll", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(REFRESH_RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String reasonPhrase(int status) {
    return status == 429 ? "Too Many Requests" : "Service Unavailable";
  }

  private static String reasonSuffix(int status) {
    jakarta.ws.rs.core.Response.Status known =
        jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
    return known == null ? "" : " " + known.getReasonPhrase();
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
