package io.newswatch.taxonomy.classify;

import io.newswatch.events.Evidence;
import io.newswatch.taxonomy.AliasRef;
import java.util.List;

/**
 * One place where an item names something: the span, the entries whose alias it is, and the
 * sentence it stands in.
 *
 * @param evidence field, original offsets and text
 * @param candidates every entry the matched alias belongs to (several for an ambiguous name)
 * @param sentence index of the sentence within its field
 */
record Mention(Evidence evidence, List<AliasRef> candidates, int sentence) {}
