package io.newswatch.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on loopback that serves feed documents, for tests and demos. Each path
 * answers with the document last put there, with an {@code ETag} so that conditional GETs get 304,
 * and counts its requests. Tests can script other answers per path (redirects, error statuses, slow
 * or compressed bodies) with {@link #handle(String, HttpHandler)}.
 */
public final class FeedServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  private record Document(String contentType, byte[] body, String etag) {}

  private FeedServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free loopback port. */
  public static FeedServer start() {
    return start(0);
  }

  /**
   * Starts a server on the given loopback port (0 for a free one), e.g. one a test allow-listed.
   */
  public static FeedServer start(int port) {
    return start(port, 4);
  }

  /**
   * Starts a server on the given loopback port (0 for a free one) answering with {@code threads}
   * threads at most at the same time.
   */
  public static FeedServer start(int port, int threads) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      FeedServer feeds = new FeedServer(server, executor);
      server.createContext("/", feeds::handle);
      server.setExecutor(executor);
      server.start();
      return feeds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the feed server", e);
    }
  }

  /** Serves {@code body} at {@code path} from now on. */
  public FeedServer put(String path, String contentType, String body) {
    return putBytes(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves {@code body} as it is (any encoding) at {@code path} from now on. */
  public FeedServer putBytes(String path, String contentType, byte[] body) {
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    handlers.remove(path);
    documents.put(path, new Document(contentType, body.clone(), etag));
    return this;
  }

  /** Answers requests for {@code path} with {@code handler} from now on (it must close nothing). */
  public FeedServer handle(String path, HttpHandler handler) {
    handlers.put(path, handler);
    return this;
  }

  /** Answers {@code path} with a status, headers and no body. */
  public FeedServer status(String path, int status, Map<String, String> headers) {
    return handle(
        path,
        exchange -> {
          headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
          exchange.sendResponseHeaders(status, -1);
        });
  }

  /** Redirects {@code path} to {@code location} with a 301, 302, 303, 307 or 308. */
  public FeedServer redirect(String path, int status, String location) {
    return status(path, status, Map.of("Location", location));
  }

  /** Waits this long before every answer, to make polls take time. */
  public FeedServer responseDelay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** A header of the last request for {@code path}, or null. */
  public String lastRequestHeader(String path, String name) {
    Map<String, String> headers = lastHeaders.get(path);
    return headers == null ? null : headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Serves an RSS 2.0 document at {@code path}. */
  public FeedServer putRss(String path, String rss) {
    return put(path, "application/rss+xml; charset=UTF-8", rss);
  }

  /** The URL of a path on this server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** {@code host:port} of this server, as an allow-list entry. */
  public String hostAndPort() {
    return "127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests reached {@code path}. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Map<String, String> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
      lastHeaders.put(path, headers);
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      HttpHandler handler = handlers.get(path);
      if (handler != null) {
        handler.handle(exchange);
        return;
      }
      Document document = documents.get(path);
      if (document == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("ETag", document.etag());
      if (document.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", document.contentType());
      exchange.sendResponseHeaders(200, document.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(document.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
