package io.newswatch.taxonomy;

/**
 * An alias together with the entry it names.
 *
 * @param entry the actor or region
 * @param alias one of its aliases
 */
public record AliasRef(Entry entry, Alias alias) {}
