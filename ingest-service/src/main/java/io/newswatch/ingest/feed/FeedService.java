package io.newswatch.ingest.feed;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Registering feeds and recording the outcome of their polls. */
@ApplicationScoped
@Transactional
public class FeedService {

  private final FeedRepository feeds;
  private final Clock clock;

  FeedService(FeedRepository feeds, Clock clock) {
    this.feeds = feeds;
    this.clock = clock;
  }

  /** Registers a feed; 400 for a URL that is not absolute http(s), 409 when already registered. */
  public FeedView create(FeedRequest request) {
    String url = checkedUrl(request.url());
    feeds
        .findByUrl(url)
        .ifPresent(
            existing -> {
              throw new ProblemException(
                  409,
                  "feed already registered as " + existing.id,
                  List.of(new FieldError("url", "already registered as feed " + existing.id)));
            });
    Feed feed = new Feed();
    feed.url = url;
    feed.name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
    feed.createdAt = Instant.now(clock);
    feeds.persist(feed);
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

  /** What a poll needs to know of a feed, read in a short transaction of its own. */
  @Transactional(Transactional.TxType.SUPPORTS)
  FeedTarget target(long id) {
    Feed feed = find(id);
    return new FeedTarget(feed.id, URI.create(feed.url), feed.name, feed.etag, feed.lastModified);
  }

  void recordSuccess(
      long id, int status, String etag, String lastModified, int published, Instant at) {
    Feed feed = find(id);
    feed.lastFetchedAt = at;
    feed.lastStatus = status;
    feed.lastError = null;
    feed.consecutiveFailures = 0;
    if (status != 304) {
      feed.etag = etag;
      feed.lastModified = lastModified;
    }
    feed.itemsPublished += published;
  }

  void recordFailure(long id, Integer status, String error, int published, Instant at) {
    Feed feed = find(id);
    feed.lastFetchedAt = at;
    feed.lastStatus = status;
    feed.lastError = error.length() > 500 ? error.substring(0, 500) : error;
    feed.consecutiveFailures++;
    feed.itemsPublished += published;
  }

  private Feed find(long id) {
    return feeds.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("feed " + id));
  }

  static String checkedUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw ProblemException.badField("url", "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ProblemException.badField("url", "must be an absolute http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw ProblemException.badField("url", "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw ProblemException.badField("url", "must not carry credentials");
    }
    return uri.toString();
  }

  /** Where and how to fetch a feed. */
  record FeedTarget(long id, URI url, String name, String etag, String lastModified) {}
}
