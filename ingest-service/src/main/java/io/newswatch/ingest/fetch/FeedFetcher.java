package io.newswatch.ingest.fetch;

import io.newswatch.common.net.GuardedEndpoint;
import io.newswatch.common.net.UnsafeUrlException;
import io.newswatch.common.net.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches a feed over HTTP politely and safely: timeouts for connecting, for every read and for the
 * whole fetch; conditional GET; gzip and deflate with a cap on the decoded size; at most a few
 * connections per host; redirects followed one hop at a time, each hop checked by the {@link
 * UrlGuard}.
 *
 * <p>The guard resolves every host and the connection goes to one of the addresses it vetted,
 * pinned in the {@link HttpHost}; the HTTP client's own DNS resolver refuses to work. So a DNS
 * answer that changes between check and connect (DNS rebinding) reaches nothing unchecked, and
 * neither does a redirect to a local address.
 */
public final class FeedFetcher implements AutoCloseable {

  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9,"
          + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

  /** The client must connect only to addresses the guard vetted; it never resolves a name. */
  private static final DnsResolver NO_DNS =
      new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
          throw new UnknownHostException("names are resolved by the URL guard only");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
          throw new UnknownHostException("names are resolved by the URL guard only");
        }
      };

  /**
   * A kept-alive connection the server closed meanwhile fails before any answer: send the GET again
   * once on a fresh connection. Nothing else is retried here; 429 and 503 go back to the scheduler,
   * which honours {@code Retry-After} without holding a thread.
   */
  private static final HttpRequestRetryStrategy STALE_CONNECTION_RETRY =
      new HttpRequestRetryStrategy() {
        @Override
        public boolean retryRequest(
            HttpRequest request, IOException exception, int execCount, HttpContext context) {
          return execCount <= 1 && exception instanceof NoHttpResponseException;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
          return false;
        }

        @Override
        public TimeValue getRetryInterval(
            HttpResponse response, int execCount, HttpContext context) {
          return TimeValue.ZERO_MILLISECONDS;
        }
      };

  private final UrlGuard guard;
  private final FetchSettings settings;
  private final HostPermits permits;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;

  public FeedFetcher(UrlGuard guard, FetchSettings settings) {
    this.guard = guard;
    this.settings = settings;
    this.permits = new HostPermits(settings.maxConnectionsPerHost());
    this.connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(NO_DNS)
            .setMaxConnPerRoute(settings.maxConnectionsPerHost())
            .setMaxConnTotal(256)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(settings.connectTimeout()))
                    .setSocketTimeout(timeout(settings.readTimeout()))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setResponseTimeout(timeout(settings.readTimeout()))
                    .setConnectionRequestTimeout(timeout(settings.totalTimeout()))
                    .build())
            .disableRedirectHandling()
            .disableContentCompression()
            .setRetryStrategy(STALE_CONNECTION_RETRY)
            .disableCookieManagement()
            .disableAuthCaching()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .setUserAgent(settings.userAgent())
            .build();
    this.deadlines =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "feed-fetch-deadlines");
              thread.setDaemon(true);
              return thread;
            });
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
    HostPermits.Permit permit = permits.acquire(endpoint.host(), remaining(deadline));
    if (permit == null) {
      throw new FetchException(
          FetchException.Reason.HOST_BUSY,
          "the host is busy with " + permits.perHost() + " other fetches of ours");
    }
    try (permit) {
      for (int i = 0; ; i++) {
        InetAddress address = endpoint.addresses().get(i);
        boolean last = i == endpoint.addresses().size() - 1;
        try {
          return exchange(endpoint, address, etag, lastModified, deadline);
        } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException e) {
          if (last || System.nanoTime() >= deadline) {
            throw failure(e, deadline);
          }
          // Try the next vetted address of the same host, as a browser would.
        } catch (IOException e) {
          throw failure(e, deadline);
        }
      }
    }
  }

  private Answer exchange(
      GuardedEndpoint endpoint,
      InetAddress address,
      String etag,
      String lastModified,
      long deadline)
      throws IOException {
    HttpHost target = new HttpHost(endpoint.scheme(), address, endpoint.host(), endpoint.port());
    HttpGet get = new HttpGet(endpoint.url());
    get.setHeader("Accept", ACCEPT);
    get.setHeader("Accept-Encoding", "gzip, deflate");
    if (etag != null) {
      get.setHeader("If-None-Match", etag);
    }
    if (lastModified != null) {
      get.setHeader("If-Modified-Since", lastModified);
    }
    ScheduledFuture<?> abort =
        deadlines.schedule(get::cancel, remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
    try (ClassicHttpResponse response =
        client.executeOpen(target, get, HttpClientContext.create())) {
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
        get.cancel();
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
    } finally {
      abort.cancel(false);
    }
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private FetchException failure(IOException e, long deadline) {
    if (System.nanoTime() >= deadline) {
      return new FetchException(
          FetchException.Reason.TIMEOUT,
          "no complete answer within " + seconds(settings.totalTimeout()));
    }
    if (e instanceof ConnectTimeoutException) {
      return new FetchException(
          FetchException.Reason.TIMEOUT,
          "could not connect within " + seconds(settings.connectTimeout()));
    }
    if (e instanceof SocketTimeoutException) {
      return new FetchException(
          FetchException.Reason.TIMEOUT,
          "the server sent nothing for " + seconds(settings.readTimeout()));
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new FetchException(FetchException.Reason.NETWORK, "the connection was refused");
    }
    if (e instanceof UnknownHostException) {
      return new FetchException(FetchException.Reason.NETWORK, "the host name does not resolve");
    }
    if (e instanceof SSLException) {
      return new FetchException(FetchException.Reason.NETWORK, "the TLS handshake failed");
    }
    if (e instanceof java.util.zip.ZipException
        || "unsupported content encoding".equals(e.getMessage())) {
      return new FetchException(
          FetchException.Reason.NETWORK, "the body's content encoding cannot be decoded");
    }
    // Protocol errors can quote what the server sent: say what happened, not what it said.
    return new FetchException(
        FetchException.Reason.NETWORK, "the connection failed before a complete answer");
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(duration.toMillis());
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
    connections.close(CloseMode.IMMEDIATE);
  }
}
