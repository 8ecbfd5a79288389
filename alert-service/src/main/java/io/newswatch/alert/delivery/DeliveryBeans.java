package io.newswatch.alert.delivery;

import io.newswatch.common.net.AllowList;
import io.newswatch.common.net.PinnedHttpClient;
import io.newswatch.common.net.UrlGuard;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain webhook classes into CDI. */
@ApplicationScoped
public class DeliveryBeans {

  /** The guard every webhook URL passes, when it is saved and before every attempt. */
  @Produces
  @ApplicationScoped
  UrlGuard webhookGuard(DeliveryConfig config) {
    AllowList allowList = AllowList.parse(config.webhookAllow().orElse(""));
    if (!allowList.isEmpty()) {
      Log.infof("webhooks may reach these local endpoints: %s", allowList);
    }
    return UrlGuard.withSystemDns(allowList);
  }

  @Produces
  @ApplicationScoped
  PinnedHttpClient webhookClient(DeliveryConfig config) {
    return new PinnedHttpClient(
        new PinnedHttpClient.Settings(
            config.userAgent(),
            config.connectTimeout(),
            config.readTimeout(),
            config.requestTimeout(),
            // Per address and port: many endpoints share a host (hooks.slack.com), and the cap per
            // endpoint is the worker's, so that a hanging one never holds the others' connections.
            config.workers()));
  }

  void close(@Disposes PinnedHttpClient client) {
    client.close();
  }

  @Produces
  @ApplicationScoped
  WebhookSender webhookSender(
      UrlGuard guard, PinnedHttpClient client, DeliveryConfig config, Clock clock) {
    return new WebhookSender(guard, client, config.requestTimeout(), clock);
  }

  @Produces
  @Singleton
  RetrySchedule retrySchedule(DeliveryConfig config) {
    return new RetrySchedule(
        config.retryInitial(),
        config.retryMax(),
        config.retryJitter(),
        config.maxAttempts(),
        config.maxRetryAfter());
  }
}
