package io.newswatch.ingest.fetch;

import io.newswatch.common.net.GuardedEndpoint;
import io.newswatch.common.net.HostPermits;
import io.newswatch.common.net.PinnedHttpClient;
import io.newswatch.common.net.UnsafeUrlException;
import io.newswatch.common.net.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Fetches a feed over HTTP politely and safely: timeouts for connecting, for every read and for the
 * whole fetch; conditional GET; gzip and deflate with a cap on the decoded size; at most a few
 * connections per host; redirects followed one hop at a time, each hop checked by the {@link
 * UrlGuard}.
 *
 * <p>The guard resolves every host and the connection goes to one of the addresses it vetted,
 * through the {@link PinnedHttpClient} webhooks use too. So a DNS answer that changes between check
 * and connect (DNS rebinding) reaches nothing unchecked, and neither does a redirect to a local
 * address.
 */
public final class FeedFetcher implements AutoCloseable {

  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9,"
          + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

  private final UrlGuard guard;
  private final FetchSettings settings;
  private final HostPermits permits;
  private final PinnedHttpClient client;

  public FeedFetcher(UrlGuard guard, FetchSettings settings) {
    this.guard = guard;
    this.settings = settings;
    this.permits = new HostPermits(settings.maxConnectionsPerHost());
    this.client =
        new PinnedHttpClient(
            new PinnedHttpClient.Settings(
                settings.userAgent(),
                settings.connectTimeout(),
                settings.readTimeout(),
                settings.totalTimeout(),
                settings.maxConnectionsPerHost()));
  }

  /**
   * Fetches {@code url}, sending the validators of the previous fetch when there are any, and
   * following redirects up to the configured limit.
   *
   * @param etag the stored {@code ETag}, or null
   * @param lastModified the stored {@code Last-Modified}, or null
   * @throws FetchException when no usable HTTP answer came; the message never quotes the server
   */
  public FetchResult fetch(URI url, String etag, String lastModified)
      throws FetchException, InterruptedException {
    long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
    URI current = url;
    URI permanent = null;
    boolean permanentSoFar = true;
    for (int hop = 0; ; hop++) {
      GuardedEndpoint endpoint = vet(current, hop);
      Answer answer = exchange(endpoint, etag, lastModified, deadline);
      if (!isRedirect(answer.status())) {
        return new FetchResult(
            answer.status(),
            endpoint.url(),
            permanent,
            answer.contentType(),
            answer.body(),
            answer.truncated(),
            answer.etag(),
            answer.lastModified(),
            answer.retryAfter());
      }
      if (hop >= settings.maxRedirects()) {
        throw new FetchException(
            FetchException.Reason.REDIRECT, "more than " + settings.maxRedirects() + " redirects");
      }
      URI next = redirectTarget(current, answer);
      boolean movedForGood = answer.status() == 301 || answer.status() == 308;
      permanentSoFar &= movedForGood;
      if (permanentSoFar) {
        permanent = next;
      }
      current = next;
    }
  }

  private GuardedEndpoint vet(URI url, int hop) throws FetchException {
    try {
      return guard.resolve(url);
    } catch (UnsafeUrlException e) {
      throw new FetchException(
          FetchException.Reason.REFUSED,
          (hop == 0 ? "URL refused: " : "redirect refused: target ") + e.getMessage());
    } catch (UnknownHostException e) {
      throw new FetchException(
          FetchException.Reason.NETWORK,
          hop == 0 ? "the host name does not resolve" : "the redirect target does not resolve");
    }
  }

  /** One HTTP answer, before redirects are followed. */
  private record Answer(
      int status,
      String contentType,
      byte[] body,
      boolean truncated,
      String etag,
      String lastModified,
      String retryAfter,
      String location) {}

  private static URI redirectTarget(URI current, Answer answer) throws FetchException {
    String location = answer.location();
    if (location == null || location.isBlank()) {
      throw new FetchException(
          FetchException.Reason.REDIRECT, "HTTP " + answer.status() + " without a Location");
    }
    try {
      URI target = current.resolve(new URI(location.strip()));
      String text = target.toString();
      int fragment = text.indexOf('#');
      return fragment < 0 ? target : new URI(text.substring(0, fragment));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException(
          FetchException.Reason.REDIRECT, "HTTP " + answer.status() + " to an invalid URL");
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private Answer exchange(GuardedEndpoint endpoint, String etag, String lastModified, long deadline)
      throws FetchException, InterruptedException {
    HostPermits.Permit permit =
        permits.acquire(endpoint.host(), PinnedHttpClient.remaining(deadline));
    if (permit == null) {
      throw new FetchException(
          FetchException.Reason.HOST_BUSY,
          "the host is busy with " + permits.perHost() + " other fetches of ours");
    }
    try (permit) {
      return client.execute(
          endpoint,
          () -> {
            HttpGet get = new HttpGet(endpoint.url());
            get.setHeader("Accept", ACCEPT);
            get.setHeader("Accept-Encoding", "gzip, deflate");
            if (etag != null) {
              get.setHeader("If-None-Match", etag);
            }
            if (lastModified != null) {
              get.setHeader("If-Modified-Since", lastModified);
            }
            return get;
          },
          deadline,
          this::read);
    } catch (IOException e) {
      throw failure(e, deadline);
    }
  }

  private Answer read(ClassicHttpResponse response, Runnable abort) throws IOException {
    int status = response.getCode();
    HttpEntity entity = response.getEntity();
    BodyReader.Body body = new BodyReader.Body(new byte[0], false);
    if (entity != null && status >= 200 && status < 300) {
      try (InputStream in = entity.getContent()) {
        body = BodyReader.read(in, header(response, "Content-Encoding"), settings.maxBodyBytes());
      }
    }
    if (body.truncated() || !(status >= 200 && status < 300)) {
      // Drop the connection rather than drain an endless or unwanted body to reuse it.
      abort.run();
    }
    return new Answer(
        status,
        header(response, "Content-Type"),
        body.bytes(),
        body.truncated(),
        header(response, "ETag"),
        header(response, "Last-Modified"),
        header(response, "Retry-After"),
        header(response, "Location"));
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private FetchException failure(IOException e, long deadline) {
    if (System.nanoTime() < deadline
        && (e instanceof java.util.zip.ZipException
            || "unsupported content encoding".equals(e.getMessage()))) {
      return new FetchException(
          FetchException.Reason.NETWORK, "the body's content encoding cannot be decoded");
    }
    PinnedHttpClient.Failure failure = client.failure(e, deadline);
    return new FetchException(
        failure.timeout() ? FetchException.Reason.TIMEOUT : FetchException.Reason.NETWORK,
        failure.message());
  }

  @Override
  public void close() {
    client.close();
  }
}
