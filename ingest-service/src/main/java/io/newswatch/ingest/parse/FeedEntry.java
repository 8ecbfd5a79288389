package io.newswatch.ingest.parse;

import java.time.Instant;

/**
 * One item of a parsed feed, as plain text.
 *
 * @param guid the feed's own id for the item (RSS guid, Atom id, JSON Feed id), or null
 * @param link the item's link, or null
 * @param title plain-text title, never null
 * @param summary plain-text description or summary, never null
 * @param text plain-text full content when the feed carries it, never null
 * @param publishedAt publication (or else update) date, or null
 */
public record FeedEntry(
    String guid, String link, String title, String summary, String text, Instant publishedAt) {}
