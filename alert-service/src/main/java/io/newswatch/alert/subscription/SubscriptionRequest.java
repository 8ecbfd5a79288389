package io.newswatch.alert.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /subscriptions}: what a caller may set. Id and timestamps are the service's.
 *
 * @param name a name for the subscription
 * @param query what to watch for, e.g. {@code ISKP} or {@code Badakhshan attack}
 */
public record SubscriptionRequest(
    @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
    @NotBlank(message = "is required")
        @Size(max = 1000, message = "must be at most 1000 characters")
        String query) {}
