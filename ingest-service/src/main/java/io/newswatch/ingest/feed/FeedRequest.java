package io.newswatch.ingest.feed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /feeds}: what a caller may set. Ids, timestamps and polling state are the
 * service's.
 *
 * @param url the feed's http or https URL
 * @param name a human name for the source; the feed's own title when absent
 */
public record FeedRequest(
    @NotBlank(message = "is required")
        @Size(max = 2048, message = "must be at most 2048 characters")
        String url,
    @Size(max = 200, message = "must be at most 200 characters") String name) {}
