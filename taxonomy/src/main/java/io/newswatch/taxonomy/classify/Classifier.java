package io.newswatch.taxonomy.classify;

import io.newswatch.events.Evidence;
import io.newswatch.events.RawItem;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.AliasRef;
import io.newswatch.taxonomy.Cue;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.match.PhraseMatcher;
import io.newswatch.taxonomy.text.NormalizedText;
import io.newswatch.taxonomy.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags an item with the actors and regions of a taxonomy, with evidence, and rates its severity.
 *
 * <p>Per field: normalise ({@link TextNormalizer}); skip page furniture ({@link Boilerplate}); find
 * every alias and event cue in one pass of a {@link PhraseMatcher}; keep the longest of overlapping
 * names; then decide what each name means ({@link Disambiguator}), build the tags ({@link
 * TagAssembler}) and the severity ({@link SeverityRules}). Immutable and thread-safe: build one per
 * taxonomy and share it.
 */
public final class Classifier {

  /** Case-sensitive acronyms this short are ignored in lines written in capitals ("IS THIS IT"). */
  static final int SHORT_ACRONYM = 3;

  private final Taxonomy taxonomy;
  private final PhraseMatcher<Target> matcher;

  /** What a phrase of the matcher stands for. */
  sealed interface Target permits AliasTarget, CueTarget {}

  /** One spelling shared by one or more entries. */
  record AliasTarget(List<AliasRef> refs, boolean shortAcronym) implements Target {}

  /** A form of an event cue. */
  record CueTarget(Cue cue) implements Target {}

  /** Compiles the taxonomy's aliases and cues into one matcher. */
  public Classifier(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
    PhraseMatcher.Builder<Target> builder = PhraseMatcher.builder();
    Map<String, List<AliasRef>> spellings = new LinkedHashMap<>();
    Map<String, Alias> firstSpelling = new LinkedHashMap<>();
    for (List<AliasRef> refs : taxonomy.aliasesByKey().values()) {
      for (AliasRef ref : refs) {
        Alias alias = ref.alias();
        String spelling =
            alias.caseSensitive()
                ? "cs:" + TextNormalizer.casedKey(alias.text())
                : "ci:" + alias.key();
        spellings.computeIfAbsent(spelling, k -> new ArrayList<>()).add(ref);
        firstSpelling.putIfAbsent(spelling, alias);
      }
    }
    for (Map.Entry<String, List<AliasRef>> spelling : spellings.entrySet()) {
      Alias alias = firstSpelling.get(spelling.getKey());
      boolean shortAcronym =
          alias.caseSensitive()
              && alias.text().codePoints().filter(Character::isLetter).count() <= SHORT_ACRONYM;
      builder.add(
          alias.text(),
          alias.caseSensitive(),
          new AliasTarget(List.copyOf(spelling.getValue()), shortAcronym));
    }
    for (Cue cue : taxonomy.cues()) {
      for (String form : cue.forms()) {
        builder.add(form, false, new CueTarget(cue));
      }
    }
    this.matcher = builder.build();
  }

  /** The taxonomy this classifier was built from. */
  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** Number of phrases (aliases and cue forms) in the matcher. */
  public int phraseCount() {
    return matcher.phraseCount();
  }

  /** Classifies a raw item's title, summary and text. */
  public Classification classify(RawItem item) {
    return classify(item.title(), item.summary(), item.text());
  }

  /** Classifies a text given as title, summary and body; any of them may be empty or null. */
  public Classification classify(String title, String summary, String text) {
    List<Mention> mentions = new ArrayList<>();
    List<SeverityRules.CueMention> cues = new ArrayList<>();
    scan(TextField.TITLE, title, mentions, cues);
    scan(TextField.SUMMARY, summary, mentions, cues);
    scan(TextField.TEXT, text, mentions, cues);
    List<Resolution> resolutions = Disambiguator.resolve(taxonomy, mentions);
    SeverityRules.Assessment severity = SeverityRules.assess(taxonomy, resolutions, cues);
    return new Classification(
        TagAssembler.assemble(taxonomy, resolutions),
        severity.severity(),
        severity.evidence(),
        taxonomy.version());
  }

  private void scan(
      TextField field, String text, List<Mention> mentions, List<SeverityRules.CueMention> cues) {
    if (text == null || text.isBlank()) {
      return;
    }
    NormalizedText normalized = TextNormalizer.normalize(text);
    List<int[]> furniture = Boilerplate.ranges(text);
    Sentences sentences = Sentences.of(text);
    List<PhraseMatcher.Hit<Target>> names = new ArrayList<>();
    List<PhraseMatcher.Hit<Target>> cueHits = new ArrayList<>();
    for (PhraseMatcher.Hit<Target> hit : matcher.findAll(normalized)) {
      if (Boilerplate.covers(furniture, hit.start())) {
        continue;
      }
      if (hit.payload() instanceof AliasTarget alias) {
        if (!(alias.shortAcronym() && inCapitalsLine(text, hit.start()))) {
          names.add(hit);
        }
      } else {
        cueHits.add(hit);
      }
    }
    for (PhraseMatcher.Hit<Target> hit : PhraseMatcher.leftmostLongest(names)) {
      mentions.add(
          new Mention(
              evidence(field, hit),
              ((AliasTarget) hit.payload()).refs(),
              sentences.indexOf(hit.start())));
    }
    for (PhraseMatcher.Hit<Target> hit : PhraseMatcher.leftmostLongest(cueHits)) {
      cues.add(
          new SeverityRules.CueMention(
              evidence(field, hit),
              sentences.indexOf(hit.start()),
              ((CueTarget) hit.payload()).cue().strength()));
    }
  }

  private static Evidence evidence(TextField field, PhraseMatcher.Hit<?> hit) {
    return new Evidence(field, hit.start(), hit.end(), hit.text());
  }

  /**
   * True when the line around {@code offset} is written in capitals, where "IS" or "US" are just
   * words: at least 12 letters, 80 % of them upper-case.
   */
  static boolean inCapitalsLine(String text, int offset) {
    int start = text.lastIndexOf('\n', offset) + 1;
    int end = text.indexOf('\n', offset);
    if (end < 0) {
      end = text.length();
    }
    int letters = 0;
    int upper = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    return letters >= 12 && upper * 5 >= letters * 4;
  }
}
