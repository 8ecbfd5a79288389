package io.newswatch.classify.tagging;

import io.newswatch.events.Evidence;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tags items from a small fixed table of actors and regions by whole-word, case-insensitive
 * matching of their aliases.
 *
 * <p>The walking skeleton's tagger: it proves the path from raw to classified items. The curated
 * taxonomy and the multi-pattern matching engine replace it.
 */
public final class KeywordTagger {

  /** Version reported with every classification made from {@link #SKELETON_TABLE}. */
  public static final String SKELETON_VERSION = "skeleton-1";

  /** One actor or region with the spellings that name it. */
  public record Entry(TagType type, String id, String name, String kind, List<String> aliases) {}

  /** The fixed table: enough to carry "ISIS-K fighters in Badakhshan" through the system. */
  public static final List<Entry> SKELETON_TABLE =
      List.of(
          new Entry(
              TagType.ACTOR,
              "iskp",
              "Islamic State Khorasan Province",
              "armed-group",
              List.of(
                  "ISKP", "ISIS-K", "IS-K", "ISIS-Khorasan", "Islamic State Khorasan Province")),
          new Entry(
              TagType.REGION, "af-badakhshan", "Badakhshan", "province", List.of("Badakhshan")));

  private static final List<String> PRIORITY_CUES =
      List.of(
          "attack", "attacked", "killed", "explosion", "suicide bomber", "clashes", "kidnapped");

  private final List<Entry> table;

  public KeywordTagger(List<Entry> table) {
    this.table = List.copyOf(table);
  }

  /** Tags one item. */
  public Classification classify(RawItem item) {
    List<Tag> tags = new ArrayList<>();
    for (Entry entry : table) {
      List<Evidence> evidence = new ArrayList<>();
      for (TextField field : TextField.values()) {
        for (String alias : entry.aliases()) {
          evidence.addAll(find(item.field(field), field, alias));
        }
      }
      if (!evidence.isEmpty()) {
        evidence.sort(
            java.util.Comparator.comparing(Evidence::field).thenComparingInt(Evidence::start));
        tags.add(
            new Tag(entry.type(), entry.id(), entry.name(), entry.kind(), 0.9, false, evidence));
      }
    }
    List<Evidence> cues = new ArrayList<>();
    for (TextField field : TextField.values()) {
      for (String cue : PRIORITY_CUES) {
        cues.addAll(find(item.field(field), field, cue));
      }
    }
    return new Classification(tags, cues.isEmpty() ? Severity.ROUTINE : Severity.PRIORITY, cues);
  }

  /** Whole-word, case-insensitive occurrences of {@code phrase} in {@code text}. */
  static List<Evidence> find(String text, TextField field, String phrase) {
    List<Evidence> found = new ArrayList<>();
    String haystack = text.toLowerCase(Locale.ROOT);
    String needle = phrase.toLowerCase(Locale.ROOT);
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      int end = at + needle.length();
      if (isBoundary(haystack, at - 1) && isBoundary(haystack, end)) {
        found.add(new Evidence(field, at, end, text.substring(at, end)));
      }
    }
    return found;
  }

  private static boolean isBoundary(String text, int index) {
    return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
