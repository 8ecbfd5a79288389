package io.newswatch.ingest.feed;

import io.newswatch.common.net.UnsafeUrlException;
import io.newswatch.common.net.UrlGuard;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.opml.Opml;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Registering and managing feeds, and recording the outcome of their polls. */
@ApplicationScoped
@Transactional
public class FeedService {

  private static final int MAX_ERROR = 500;
  private static final int MAX_NAME = 200;

  private final FeedRepository feeds;
  private final UrlGuard guard;
  private final IngestConfig config;
  private final Clock clock;
  private final PollPolicy policy;

  FeedService(FeedRepository feeds, UrlGuard guard, IngestConfig config, Clock clock) {
    this.feeds = feeds;
    this.guard = guard;
    this.config = config;
    this.clock = clock;
    this.policy =
        new PollPolicy(config.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Registers a feed; 400 for a URL the guard refuses, 409 when already registered. */
  public FeedView create(FeedRequest request) {
    String url = checkedUrl(request.url());
    int interval = intervalSeconds(request.pollIntervalSeconds(), "pollIntervalSeconds");
    refuseIfRegistered(url, null);
    Feed feed = newFeed(url, request.name(), interval);
    feeds.persist(feed);
    return FeedView.of(feed);
  }

  /**
   * Replaces what an admin may set. A new URL starts afresh: validators and failures are forgotten
   * and the feed is due now.
   */
  public FeedView update(long id, FeedRequest request) {
    Feed feed = find(id);
    String url = checkedUrl(request.url());
    int interval = intervalSeconds(request.pollIntervalSeconds(), "pollIntervalSeconds");
    if (!url.equals(feed.url)) {
      refuseIfRegistered(url, id);
      feed.url = url;
      feed.etag = null;
      feed.lastModified = null;
      feed.consecutiveFailures = 0;
      feed.nextPollAt = Instant.now(clock);
    }
    feed.name = name(request.name());
    if (interval != feed.pollIntervalSeconds) {
      feed.pollIntervalSeconds = interval;
      Instant dueByNewInterval =
          (feed.lastFetchedAt == null ? Instant.now(clock) : feed.lastFetchedAt)
              .plusSeconds(interval);
      if (feed.consecutiveFailures == 0 && dueByNewInterval.isBefore(feed.nextPollAt)) {
        feed.nextPollAt = dueByNewInterval;
      }
    }
    return FeedView.of(feed);
  }

  /** Deletes a feed and forgets its items. */
  public void delete(long id) {
    if (!feeds.deleteById(id)) {
      throw ProblemException.notFound("feed " + id);
    }
  }

  /** Stops polling a feed until it is resumed. */
  public FeedView pause(long id) {
    Feed feed = find(id);
    feed.enabled = false;
    feed.disabledReason = "paused by an admin";
    return FeedView.of(feed);
  }

  /** Polls a paused or disabled feed again, starting now, with a clean slate of failures. */
  public FeedView resume(long id) {
    Feed feed = find(id);
    feed.enabled = true;
    feed.disabledReason = null;
    feed.consecutiveFailures = 0;
    feed.nextPollAt = Instant.now(clock);
    return FeedView.of(feed);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public FeedView get(long id) {
    return FeedView.of(find(id));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<FeedView> list(int page, int size) {
    var query = feeds.findAll(Sort.by("id"));
    return new Page<>(
        query.page(page, size).list().stream().map(FeedView::of).toList(),
        query.count(),
        page,
        size);
  }

  /**
   * Registers the feeds of an OPML file, reporting per outline what was added, skipped as a
   * duplicate, or rejected and why.
   */
  public ImportReport importOutlines(List<Opml.Outline> outlines, Integer pollIntervalSeconds) {
    int interval = intervalSeconds(pollIntervalSeconds, "pollIntervalSeconds");
    List<String> urls = new ArrayList<>(outlines.size());
    List<String> reasons = new ArrayList<>(outlines.size());
    for (Opml.Outline outline : outlines) {
      try {
        urls.add(guard.check(outline.url()).toString());
        reasons.add(null);
      } catch (UnsafeUrlException e) {
        urls.add(null);
        reasons.add("url " + e.getMessage());
      }
    }
    Map<String, Long> existing = feeds.idsByUrl(urls.stream().filter(url -> url != null).toList());
    Map<String, Long> added = new HashMap<>();
    List<ImportReport.Line> lines = new ArrayList<>(outlines.size());
    int addedCount = 0;
    int duplicates = 0;
    int rejected = 0;
    for (int i = 0; i < outlines.size(); i++) {
      Opml.Outline outline = outlines.get(i);
      String url = urls.get(i);
      ImportReport.Line line;
      if (url == null || url.length() > 2048) {
        String reason = url == null ? reasons.get(i) : "url must be at most 2048 characters";
        line = line(outline, ImportReport.Outcome.rejected, null, reason);
        rejected++;
      } else if (existing.containsKey(url) || added.containsKey(url)) {
        Long id = existing.containsKey(url) ? existing.get(url) : added.get(url);
        line = line(outline, ImportReport.Outcome.duplicate, id, null);
        duplicates++;
      } else {
        Feed feed = newFeed(url, shortened(outline.title()), interval);
        feeds.persist(feed);
        added.put(url, feed.id);
        line = line(outline, ImportReport.Outcome.added, feed.id, null);
        addedCount++;
      }
      lines.add(line);
    }
    Log.infof(
        "imported OPML: %d feeds added, %d duplicates, %d rejected",
        addedCount, duplicates, rejected);
    return new ImportReport(addedCount, duplicates, rejected, lines);
  }

  /** Every feed as an OPML outline, in id order. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Opml.Outline> outlines() {
    return feeds.findAll(Sort.by("id")).stream()
        .map(feed -> new Opml.Outline(feed.url, feed.name))
        .toList();
  }

  /** What a poll needs to know of a feed, or empty when it was deleted. */
  Optional<FeedTarget> target(long id) {
    return feeds
        .findByIdOptional(id)
        .map(
            feed ->
                new FeedTarget(
                    feed.id, URI.create(feed.url), feed.name, feed.etag, feed.lastModified));
  }

  boolean exists(long id) {
    return feeds.count("id", id) > 0;
  }

  /**
   * Records what a poll did, schedules the next one and releases this instance's lease.
   *
   * @return when the feed is due next, or empty when it was deleted meanwhile
   */
  Optional<Instant> record(long id, String instance, PollOutcome outcome) {
    Optional<Feed> found = feeds.findByIdOptional(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Feed feed = found.get();
    Instant now = Instant.now(clock);
    if (instance.equals(feed.leaseOwner)) {
      feed.leaseOwner = null;
      feed.leaseUntil = null;
    } else {
      Log.warnf("feed %d: the lease expired during the poll; another instance may poll it", id);
    }
    Duration interval = Duration.ofSeconds(feed.pollIntervalSeconds);
    if (outcome.kind() == PollOutcome.Kind.POSTPONED) {
      feed.nextPollAt = policy.postponed(now);
      return Optional.of(feed.nextPollAt);
    }
    feed.lastFetchedAt = outcome.fetchedAt();
    feed.lastPolledBy = instance;
    feed.lastStatus = outcome.status();
    feed.itemsPublished += outcome.published();
    if (outcome.movedTo() != null && !outcome.movedTo().equals(feed.url)) {
      moveTo(feed, outcome.movedTo());
    }
    switch (outcome.kind()) {
      case SUCCESS -> {
        feed.lastError = null;
        feed.lastSuccessAt = outcome.fetchedAt();
        feed.consecutiveFailures = 0;
        if (outcome.newValidators()) {
          feed.etag = outcome.etag();
          feed.lastModified = outcome.lastModified();
        }
        feed.nextPollAt = policy.afterSuccess(now, interval);
      }
      case GONE -> {
        feed.lastError = shortened(outcome.error(), MAX_ERROR);
        feed.consecutiveFailures++;
        feed.enabled = false;
        feed.disabledReason = shortened(outcome.error(), MAX_ERROR);
        feed.nextPollAt = now.plus(config.maxBackoff());
      }
      default -> {
        feed.lastError = shortened(outcome.error(), MAX_ERROR);
        feed.consecutiveFailures++;
        feed.nextPollAt =
            outcome.kind() == PollOutcome.Kind.THROTTLED && outcome.retryAfter() != null
                ? policy.afterRetryAfter(now, interval, outcome.retryAfter())
                : policy.afterFailure(now, interval, feed.consecutiveFailures);
      }
    }
    return Optional.of(feed.nextPollAt);
  }

  /** A permanent redirect moves the feed, unless another feed is registered there already. */
  private void moveTo(Feed feed, String url) {
    Optional<Feed> other = feeds.findByUrl(url);
    if (other.isPresent()) {
      Log.warnf(
          "feed %d moved permanently to the URL of feed %d; keeping the old URL",
          feed.id, other.get().id);
      return;
    }
    Log.infof("feed %d moved permanently to %s", feed.id, url);
    feed.url = url;
  }

  private Feed newFeed(String url, String name, int intervalSeconds) {
    Feed feed = new Feed();
    feed.url = url;
    feed.name = name(name);
    feed.createdAt = Instant.now(clock);
    feed.pollIntervalSeconds = intervalSeconds;
    feed.enabled = true;
    feed.nextPollAt = feed.createdAt;
    return feed;
  }

  private void refuseIfRegistered(String url, Long except) {
    feeds
        .findByUrl(url)
        .filter(existing -> !existing.id.equals(except))
        .ifPresent(
            existing -> {
              throw new ProblemException(
                  409,
                  "feed already registered as " + existing.id,
                  List.of(new FieldError("url", "already registered as feed " + existing.id)));
            });
  }

  private Feed find(long id) {
    return feeds.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("feed " + id));
  }

  private String checkedUrl(String raw) {
    try {
      return guard.check(raw).toString();
    } catch (UnsafeUrlException e) {
      throw ProblemException.badField("url", e.getMessage());
    }
  }

  private int intervalSeconds(Integer requested, String field) {
    if (requested == null) {
      return (int) config.defaultPollInterval().toSeconds();
    }
    long min = config.minPollInterval().toSeconds();
    if (requested < min) {
      throw ProblemException.badField(field, "must be at least " + min);
    }
    return requested;
  }

  private static String name(String name) {
    return name == null || name.isBlank() ? null : name.strip();
  }

  private static String shortened(String title) {
    return title == null ? null : shortened(title.strip(), MAX_NAME);
  }

  private static String shortened(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static ImportReport.Line line(
      Opml.Outline outline, ImportReport.Outcome outcome, Long id, String reason) {
    return new ImportReport.Line(outline.url(), outline.title(), outcome, id, reason);
  }

  /** Where and how to fetch a feed. */
  record FeedTarget(long id, URI url, String name, String etag, String lastModified) {}
}
