package io.newswatch.alert.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the subscriptions are in the matching index; shows how many and at which change. */
@Readiness
@ApplicationScoped
public class SubscriptionIndexHealth implements HealthCheck {

  private final SubscriptionMatcher matcher;

  SubscriptionIndexHealth(SubscriptionMatcher matcher) {
    this.matcher = matcher;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Subscription index")
        .status(matcher.isLoaded())
        .withData("subscriptions", matcher.size())
        .withData("revision", matcher.revision())
        .build();
  }
}
