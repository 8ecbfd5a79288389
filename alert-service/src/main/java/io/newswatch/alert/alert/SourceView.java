package io.newswatch.alert.alert;

import java.time.Instant;

/**
 * One feed's copy of an alert's story.
 *
 * @param itemId the item
 * @param feedId the feed in ingest-service
 * @param sourceName the feed's name
 * @param url link to the copy
 * @param title its title
 * @param publishedAt when the source published it
 * @param addedAt when it reached the alert
 */
public record SourceView(
    String itemId,
    String feedId,
    String sourceName,
    String url,
    String title,
    Instant publishedAt,
    Instant addedAt) {}
