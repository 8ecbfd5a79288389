package io.newswatch.classify.tagging;

import jakarta.validation.constraints.Size;

/**
 * A text to classify, as an admin types it: at least one of the fields must hold text.
 *
 * @param title like an item's title
 * @param summary like an item's summary
 * @param text like an item's body
 */
public record ClassifyRequest(
    @Size(max = 1_000, message = "must be at most 1000 characters") String title,
    @Size(max = 10_000, message = "must be at most 10000 characters") String summary,
    @Size(max = 100_000, message = "must be at most 100000 characters") String text) {}
