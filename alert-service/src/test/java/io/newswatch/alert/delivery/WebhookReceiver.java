package io.newswatch.alert.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on loopback, started before alert-service (which is told to admit it
 * through {@code newswatch.alert.delivery.webhook-allow}). Each hook {@code /hooks/{name}} answers
 * what the test scripted for it, in order, then 200; it verifies every request's Standard Webhooks
 * signature with the hook's secret and keeps what it received.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

  /** A scripted answer that never comes: the request hangs until the receiver stops. */
  public static final int HANG = -1;

  private static HttpServer server;
  private static final Map<String, Hook> HOOKS = new ConcurrentHashMap<>();
  private static final CountDownLatch STOPPED = new CountDownLatch(1);

  /**
   * One request received.
   *
   * @param id {@code webhook-id}
   * @param timestamp {@code webhook-timestamp}
   * @param signed true when the signature matched the hook's secret
   * @param body what was posted
   * @param at when it arrived
   * @param answered the status it got
   */
  public record Received(
      String id,
      long timestamp,
      String signature,
      boolean signed,
      String body,
      Instant at,
      int answered) {}

  private static final class Hook {
    final String secret;
    final Deque<int[]> script = new ArrayDeque<>(); // {status, retryAfterSeconds or -1}
    final List<Received> received = new ArrayList<>();

    Hook(String secret) {
      this.secret = secret;
    }
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the webhook receiver", e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hooks/", WebhookReceiver::handle);
    server.start();
    return Map.of(
        "newswatch.alert.delivery.webhook-allow", "127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    STOPPED.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  /** A new hook with a fresh secret; returns its URL. */
  public static String hook(String name, String secret) {
    HOOKS.put(name, new Hook(secret));
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
  }

  /** The next answers of a hook: statuses, or {@link #HANG}. */
  public static void script(String name, int... statuses) {
    Hook hook = HOOKS.get(name);
    synchronized (hook) {
      for (int status : statuses) {
        hook.script.add(new int[] {status, -1});
      }
    }
  }

  /** The next answer of a hook: a status with {@code Retry-After} in seconds. */
  public static void scriptRetryAfter(String name, int status, int seconds) {
    Hook hook = HOOKS.get(name);
    synchronized (hook) {
      hook.script.add(new int[] {status, seconds});
    }
  }

  /** What the hook received so far, oldest first. */
  public static List<Received> received(String name) {
    Hook hook = HOOKS.get(name);
    synchronized (hook) {
      return List.copyOf(hook.received);
    }
  }

  /** A Standard Webhooks secret of 32 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
      Hook hook = HOOKS.get(name);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (hook == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
      long seconds = timestamp == null ? -1 : Long.parseLong(timestamp);
      boolean signed =
          id != null
              && signature != null
              && WebhookSignature.verify(id, seconds, body, signature, hook.secret);
      int[] answer;
      synchronized (hook) {
        answer = hook.script.isEmpty() ? new int[] {signed ? 200 : 401, -1} : hook.script.poll();
        hook.received.add(
            new Received(
                id,
                seconds,
                signature,
                signed,
                new String(body, StandardCharsets.UTF_8),
                Instant.now(),
                answer[0]));
      }
      if (answer[0] == HANG) {
        try {
          STOPPED.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (answer[1] >= 0) {
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
      }
      exchange.sendResponseHeaders(answer[0], -1);
      try (OutputStream out = exchange.getResponseBody()) {
        out.flush();
      }
    }
  }
}
