package io.newswatch.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of alert-service ({@code newswatch.alert.*}, or {@code NEWSWATCH_ALERT_*}). */
@ConfigMapping(prefix = "newswatch.alert")
public interface AlertConfig {

  /** Most subscriptions one user may have. */
  @WithDefault("100")
  int maxSubscriptionsPerUser();
}
