package io.newswatch.common.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An HTTP client (Apache HttpClient 5) that connects only to the addresses the {@link UrlGuard}
 * vetted: each request goes to one address of a {@link GuardedEndpoint}, pinned in the {@link
 * HttpHost}, and the client's own DNS resolver refuses to work. So a DNS answer that changes
 * between check and connect (DNS rebinding) reaches nothing unchecked. Redirects are never followed
 * here: a caller that follows them vets every hop with the guard first.
 *
 * <p>Timeouts for connecting, for every read and for the whole exchange (the request is aborted at
 * the deadline, however slowly the server drips bytes). Feeds (ingest-service) and webhooks
 * (alert-service) share it.
 */
public final class PinnedHttpClient implements AutoCloseable {

  /**
   * How the client behaves.
   *
   * @param userAgent the {@code User-Agent} header
   * @param connectTimeout time allowed to open a connection
   * @param readTimeout longest silence of the server while we wait for headers or body bytes
   * @param totalTimeout time allowed for a whole exchange, used in failure messages
   * @param maxConnectionsPerRoute pooled connections to one address and port
   */
  public record Settings(
      String userAgent,
      Duration connectTimeout,
      Duration readTimeout,
      Duration totalTimeout,
      int maxConnectionsPerRoute) {}

  /**
   * Reads a response; may call {@code abort} to drop the connection rather than drain an unwanted
   * body to reuse it.
   */
  @FunctionalInterface
  public interface ResponseReader<T> {
    T read(ClassicHttpResponse response, Runnable abort) throws IOException;
  }

  /**
   * Why an exchange got no usable answer, in our own words: never what the server sent.
   *
   * @param timeout true when a timeout ended it
   * @param message for example "the connection was refused"
   */
  public record Failure(boolean timeout, String message) {}

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
   * A kept-alive connection the server closed meanwhile fails before any answer: send the request
   * again once on a fresh connection. Nothing else is retried here; statuses such as 429 and 503 go
   * back to the caller, which schedules its own retry without holding a thread.
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

  private final Settings settings;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;

  public PinnedHttpClient(Settings settings) {
    this.settings = settings;
    this.connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(NO_DNS)
            .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
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
              Thread thread = new Thread(task, "pinned-http-deadlines");
              thread.setDaemon(true);
              return thread;
            });
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Sends a request to one of the endpoint's vetted addresses, trying the next one when a
   * connection cannot be opened (as a browser would), and reads the answer, all before {@code
   * deadline}.
   *
   * @param request builds a fresh request for each address tried
   * @param deadline a {@link System#nanoTime()} by which the exchange is aborted
   * @throws IOException when no answer came; {@link #failure(IOException, long)} says why
   */
  public <T> T execute(
      GuardedEndpoint endpoint,
      Supplier<? extends HttpUriRequestBase> request,
      long deadline,
      ResponseReader<T> reader)
      throws IOException {
    for (int i = 0; ; i++) {
      InetAddress address = endpoint.addresses().get(i);
      boolean last = i == endpoint.addresses().size() - 1;
      try {
        return execute(endpoint, address, request.get(), deadline, reader);
      } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException e) {
        if (last || System.nanoTime() >= deadline) {
          throw e;
        }
        // Try the next vetted address of the same host.
      }
    }
  }

  private <T> T execute(
      GuardedEndpoint endpoint,
      InetAddress address,
      HttpUriRequestBase request,
      long deadline,
      ResponseReader<T> reader)
      throws IOException {
    HttpHost target = new HttpHost(endpoint.scheme(), address, endpoint.host(), endpoint.port());
    ScheduledFuture<?> abort =
        deadlines.schedule(request::cancel, remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
    try (ClassicHttpResponse response =
        client.executeOpen(target, request, HttpClientContext.create())) {
      return reader.read(response, request::cancel);
    } finally {
      abort.cancel(false);
    }
  }

  /** Why an exchange failed, in words that never quote the server. */
  public Failure failure(IOException e, long deadline) {
    if (System.nanoTime() >= deadline) {
      return new Failure(true, "no complete answer within " + seconds(settings.totalTimeout()));
    }
    if (e instanceof ConnectTimeoutException) {
      return new Failure(true, "could not connect within " + seconds(settings.connectTimeout()));
    }
    if (e instanceof SocketTimeoutException) {
      return new Failure(true, "the server sent nothing for " + seconds(settings.readTimeout()));
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new Failure(false, "the connection was refused");
    }
    if (e instanceof UnknownHostException) {
      return new Failure(false, "the host name does not resolve");
    }
    if (e instanceof SSLException) {
      return new Failure(false, "the TLS handshake failed");
    }
    // Protocol errors can quote what the server sent: say what happened, not what it said.
    return new Failure(false, "the connection failed before a complete answer");
  }

  /** Time left until {@code deadline}, never negative. */
  public static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(duration.toMillis());
  }

  /** {@code 3 s}, or {@code 2500 ms} when not whole seconds. */
  public static String seconds(Duration duration) {
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
