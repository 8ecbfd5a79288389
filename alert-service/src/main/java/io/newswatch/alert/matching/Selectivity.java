package io.newswatch.alert.matching;

import java.util.Set;

/**
 * Rough chances that an item contains a key, for choosing which required key files a subscription
 * in the index: the rarer the key, the fewer items wake the subscription up. Long words are rarer
 * than short ones, words with their case rarer than folded ones, a prefix commoner than the word, a
 * country commoner than a district. Only the order matters, not the numbers.
 */
final class Selectivity {

  /** Words in the names of this many taxonomy entries are generic ("district", "province"). */
  static final int GENERIC_ENTRIES = 5;

  /** Words nearly every English news item has. */
  private static final Set<String> COMMON =
      Set.of(
          "the",
          "and",
          "for",
          "that",
          "with",
          "from",
          "this",
          "have",
          "has",
          "was",
          "were",
          "been",
          "are",
          "said",
          "says",
          "will",
          "would",
          "not",
          "but",
          "they",
          "their",
          "there",
          "after",
          "about",
          "also",
          "which",
          "who",
          "more",
          "than",
          "its",
          "into",
          "over",
          "other",
          "when",
          "new",
          "one",
          "two",
          "had",
          "his",
          "her",
          "people",
          "year",
          "years",
          "government");

  private final Set<String> generic;

  /** The chances, with the words of the taxonomy's names shared by many entries as common. */
  Selectivity(io.newswatch.taxonomy.Taxonomy taxonomy) {
    java.util.Map<String, Set<String>> entries = new java.util.HashMap<>();
    for (io.newswatch.taxonomy.Entry entry : taxonomy.entries()) {
      for (io.newswatch.taxonomy.Alias alias : entry.aliases()) {
        for (String word : alias.key().split(" ")) {
          entries.computeIfAbsent(word, k -> new java.util.HashSet<>()).add(entry.id());
        }
      }
    }
    this.generic =
        entries.entrySet().stream()
            .filter(e -> e.getValue().size() >= GENERIC_ENTRIES)
            .map(java.util.Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** A folded word: a word of many names counts as common, whatever its length. */
  double of(String word) {
    return generic.contains(word) ? Math.max(0.5, word(word)) : word(word);
  }

  /** A word with its case. */
  double ofCased(String word) {
    String folded = word.toLowerCase(java.util.Locale.ROOT);
    return generic.contains(folded) ? 0.5 : cased(word);
  }

  /** A folded word or punctuation character. */
  static double word(String word) {
    if (word.isEmpty() || !Character.isLetterOrDigit(word.charAt(0))) {
      return 1.0;
    }
    if (COMMON.contains(word)) {
      return 0.9;
    }
    if (word.chars().allMatch(Character::isDigit)) {
      return 0.2;
    }
    return switch (word.length()) {
      case 1, 2 -> 0.6;
      case 3 -> 0.3;
      case 4 -> 0.1;
      case 5 -> 0.05;
      case 6 -> 0.03;
      case 7 -> 0.02;
      default -> 0.01;
    };
  }

  /** A word that must have this case. */
  static double cased(String word) {
    return word(word.toLowerCase(java.util.Locale.ROOT)) * 0.3;
  }

  /** A prefix: any word starting with it. */
  static double prefix(String prefix) {
    return Math.min(1.0, word(prefix) * 8);
  }

  /** A concept with this many entries inside it. */
  static double concept(int descendants) {
    return Math.min(0.6, 0.01 + 0.002 * descendants);
  }
}
