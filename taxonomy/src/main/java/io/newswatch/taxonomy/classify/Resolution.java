package io.newswatch.taxonomy.classify;

import io.newswatch.taxonomy.Entry;

/**
 * What a mention was resolved to.
 *
 * @param mention where the item names it
 * @param entry the actor or region it names
 * @param confidence how sure the rule that resolved it is, 0 to 1
 * @param inferred true when the name was ambiguous and only the region containing all its meanings
 *     is tagged
 */
record Resolution(Mention mention, Entry entry, double confidence, boolean inferred) {}
