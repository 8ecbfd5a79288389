package io.newswatch.ingest.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /feeds} and {@code PUT /feeds/{id}}: what a caller may set. Ids, timestamps
 * and polling state are the service's.
 *
 * @param url the feed's http or https URL
 * @param name a human name for the source; the feed's own title when absent
 * @param pollIntervalSeconds seconds between polls; the configured default when absent, at least
 *     the configured minimum (60 by default)
 */
public record FeedRequest(
    @NotBlank(message = "is required")
        @Size(max = 2048, message = "must be at most 2048 characters")
        String url,
    @Size(max = 200, message = "must be at most 200 characters") String name,
    @Max(value = 604_800, message = "must be at most 604800 (one week)")
        Integer pollIntervalSeconds) {}
