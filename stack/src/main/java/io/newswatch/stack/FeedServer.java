package io.newswatch.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on loopback that serves feed documents, for tests and demos. Each path
 * answers with the document last put there, with an {@code ETag} so that conditional GETs get 304,
 * and counts its requests.
 */
public final class FeedServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Document> documents = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  private record Document(String contentType, byte[] body, String etag) {}

  private FeedServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free loopback port. */
  public static FeedServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
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
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
    documents.put(path, new Document(contentType, bytes, etag));
    return this;
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
