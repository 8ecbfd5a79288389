package io.newswatch.alert.delivery;

import io.newswatch.common.net.GuardedEndpoint;
import io.newswatch.common.net.PinnedHttpClient;
import io.newswatch.common.net.UnsafeUrlException;
import io.newswatch.common.net.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Posts a webhook as Standard Webhooks say: {@code webhook-id} (the same on every attempt), {@code
 * webhook-timestamp} (this attempt's, in seconds) and {@code webhook-signature} over {@code
 * id.timestamp.body} with every valid secret. The URL is checked by the same {@link UrlGuard} and
 * sent through the same address-pinned {@link PinnedHttpClient} that ingest-service fetches feeds
 * with, so no webhook reaches inside our network, not even through DNS rebinding. Redirects are not
 * followed: a 3xx is a failed attempt.
 */
public final class WebhookSender {

  /** Bytes of a receiver's answer read at most, so that the connection can be reused. */
  private static final int DRAIN_LIMIT = 8 * 1024;

  private final UrlGuard guard;
  private final PinnedHttpClient client;
  private final Duration requestTimeout;
  private final Clock clock;

  public WebhookSender(
      UrlGuard guard, PinnedHttpClient client, Duration requestTimeout, Clock clock) {
    this.guard = guard;
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /** Sends {@code body} once and says how it went; never throws for what the receiver does. */
  public Attempt send(DeliveryChannel.Webhook webhook, String messageId, byte[] body)
      throws InterruptedException {
    GuardedEndpoint endpoint;
    try {
      endpoint = guard.resolve(URI.create(webhook.url()));
    } catch (UnsafeUrlException e) {
      return new Attempt(
          Attempt.Kind.REFUSED, null, Optional.empty(), "refused: the URL " + e.getMessage());
    } catch (UnknownHostException e) {
      return Attempt.retry(null, Optional.empty(), "the host name does not resolve");
    }
    long timestamp = clock.instant().getEpochSecond();
    String signature = WebhookSignature.sign(messageId, timestamp, body, webhook.secrets());
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    try {
      return client.execute(
          endpoint,
          () -> {
            HttpPost post = new HttpPost(endpoint.url());
            post.setHeader("webhook-id", messageId);
            post.setHeader("webhook-timestamp", Long.toString(timestamp));
            post.setHeader("webhook-signature", signature);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            return post;
          },
          deadline,
          (response, abort) -> {
            drain(response.getEntity(), abort);
            int status = response.getCode();
            if (status >= 200 && status < 300) {
              return Attempt.delivered(status);
            }
            if (status == 410) {
              return new Attempt(
                  Attempt.Kind.GONE,
                  status,
                  Optional.empty(),
                  "the receiver answered 410 Gone: the endpoint was disabled");
            }
            Optional<Duration> retryAfter =
                status == 429 || status == 503
                    ? RetrySchedule.retryAfter(
                        header(response.getFirstHeader("Retry-After")), clock.instant())
                    : Optional.empty();
            String error =
                status >= 300 && status < 400
                    ? "the receiver answered " + status + " (redirects are not followed)"
                    : "the receiver answered " + status;
            return Attempt.retry(status, retryAfter, error);
          });
    } catch (IOException e) {
      PinnedHttpClient.Failure failure = client.failure(e, deadline);
      return Attempt.retry(null, Optional.empty(), failure.message());
    }
  }

  private static String header(Header header) {
    return header == null ? null : header.getValue();
  }

  /** Reads a little of the answer so the connection can be reused; drops it when there is more. */
  private static void drain(HttpEntity entity, Runnable abort) throws IOException {
    if (entity == null) {
      return;
    }
    try (InputStream in = entity.getContent()) {
      byte[] buffer = new byte[1024];
      int total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > DRAIN_LIMIT) {
          abort.run();
          return;
        }
      }
    }
  }
}
