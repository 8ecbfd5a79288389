package io.newswatch.bench.alert;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.RawItem;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classification;
import io.newswatch.taxonomy.classify.Classifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic subscriptions and news items for the alert benchmark, written for it.
 *
 * <p>Subscriptions look like what a watch floor writes: a few broad ones (an actor or a place, any
 * alias, any script); mostly specific ones (a name with event words, two names, concept filters
 * with keywords, phrases, proximity, prefixes, exclusions, field scopes); and a long tail of names
 * outside the taxonomy (people, villages, units) that each only a few officers follow. Items are
 * news-like articles of about 1.5 KB (title, summary, body) naming the region's actors and places
 * at a realistic density, classified with the real classifier for their tags.
 */
public final class Workload {

  /** Shared with the load benchmark's queries. */
  public static final String[] EVENTS = {
    "attack",
    "attack*",
    "bomb*",
    "explosion",
    "blast",
    "ambush",
    "raid*",
    "clash*",
    "killed",
    "kill*",
    "wounded",
    "assassinat*",
    "kidnap*",
    "abduct*",
    "suicide",
    "drone",
    "airstrike*",
    "rocket*",
    "mortar",
    "checkpoint",
    "convoy",
    "protest*",
    "arrest*",
    "execut*",
    "flood*",
    "earthquake",
    "landslide",
    "avalanche",
    "refugee*",
    "displaced",
    "border",
    "crossing",
    "smuggl*",
    "opium",
    "poppy",
    "drought",
    "cholera",
    "famine",
    "election*",
    "ceasefire"
  };

  /** Shared with the load benchmark's queries. */
  public static final String[] PHRASES = {
    "\"suicide bomber\"", "\"drone strike\"", "\"car bomb\"", "\"border crossing\"",
    "\"girls school\"", "\"polio vaccination\"", "\"road closed\"", "\"prison break\"",
    "\"roadside bomb\"", "\"targeted killing\"", "\"aid convoy\"", "\"cross-border raid\""
  };

  /** Shared with the load benchmark's queries. */
  public static final String[] NEAR = {
    "\"border clash\"~5", "\"drone border\"~5", "\"attack checkpoint\"~4", "\"killed police\"~6",
    "\"school closed\"~3", "\"flood villages\"~8", "\"bomb mosque\"~5", "\"aid blocked\"~4"
  };

  /** Shared with the load benchmark's queries. */
  public static final String[] EXCLUDE = {
    "Syria", "Iraq", "cricket", "football", "\"controlled detonation\"", "exercise", "anniversary"
  };

  private static final String[] SENTENCES = {
    "Officials in {P} said on Tuesday that fighters had moved into two districts near the border.",
    "The interior ministry said its forces had arrested several suspects after the attack on a"
        + " checkpoint outside {P}.",
    "Residents of {P} reported heavy gunfire overnight, and a hospital received at least six"
        + " wounded people.",
    "{A} claimed responsibility for the blast in a statement published by its news agency.",
    "Analysts warned that {A} was regrouping along the border, where cross-border raids have"
        + " increased.",
    "Prices of wheat and cooking oil rose again in markets in {P}, traders said, as imports slowed.",
    "The United Nations said it was concerned about the detention of journalists in {P}.",
    "Border guards closed the crossing at {P} for two days after clashes on the other side.",
    "Farmers in {P} said the ban on poppy cultivation had cut their incomes by more than half.",
    "Road works near {P} were halted by heavy snow, the ministry of public works said.",
    "Witnesses said a drone strike hit a compound near {P}, killing three people.",
    "{A} has long operated from bases on both sides of the border, according to the report.",
    "Teachers in {P} said girls' schools remained closed above the sixth grade.",
    "{N} told a gathering of elders in {P} that the government would not accept foreign pressure.",
    "A report said that {A} maintained a small presence in the east of the country.",
    "Officials reopened the crossing near {P} after three days of talks with their counterparts.",
    "Officials said the new bridge would cut travel times for traders and farmers in the region.",
    "Humanitarian agencies said funding cuts would force them to close clinics before winter.",
    "Flash floods swept through villages in {P} after two days of heavy rain, officials said.",
    "A local commander, {N}, was killed when a roadside bomb struck his vehicle in {P}.",
    "Health workers began a polio vaccination campaign in {P}, the health department said.",
    "The delegation travelled from {P} by road and met provincial officials and elders.",
    "The spokesman did not say how many people had been detained or where they were held.",
    "Local journalists said communications had been cut for most of the day.",
    "Aid workers said the number of families needing food had doubled since the spring.",
    "The ministry did not respond to a request for comment on Wednesday.",
    "Several shops remained closed and traffic on the main road was light, residents said.",
    "It was not possible to verify the claims independently.",
    "The statement said the operation would continue until the area was secure.",
    "Prices for fuel and flour have risen sharply over the past month.",
    "Elders called for calm and urged both sides to return to talks.",
    "The hospital said it was short of medicine and blood supplies.",
    "Officials said an investigation had been opened into the incident.",
    "The road reopened in the afternoon after debris was cleared, the police said.",
    "Schools in the district will stay closed until next week, the education office said.",
    "Witnesses described long queues at the bank as people tried to withdraw cash.",
  };

  private static final String[] SYLLABLES = {
    "ab", "dul", "ra", "him", "za", "rif", "kha", "lil", "mo", "ham", "mad", "na", "sir", "gul",
    "ba", "dar", "qa", "dir", "sha", "fiq", "ja", "mal", "zi", "ya", "tul", "lah", "hak", "im"
  };

  private Workload() {}

  /** {@code count} subscription queries. */
  static List<String> subscriptions(Taxonomy taxonomy, int count, long seed) {
    Random random = new Random(seed);
    List<Entry> entries = taxonomy.entries();
    List<String> queries = new ArrayList<>(count);
    while (queries.size() < count) {
      Entry entry = entries.get(random.nextInt(entries.size()));
      String name = name(entry, random);
      String event = pick(random, EVENTS);
      String concept =
          (entry.type() == io.newswatch.events.TagType.ACTOR ? "actor:" : "region:")
              + quoted(entry.name());
      Entry other = entries.get(random.nextInt(entries.size()));
      String query =
          switch (random.nextInt(40)) {
            case 0, 1 -> name; // broad: everything about one actor or place
            case 2 -> "title:" + name;
            case 3, 4, 5, 6, 7, 8 -> name + " " + event;
            case 9, 10 -> name + " (" + event + " OR " + pick(random, EVENTS) + ")";
            case 11, 12, 13 -> name + " " + name(other, random);
            case 14, 15, 16 -> concept + " " + event + " " + pick(random, EVENTS);
            case 17 -> concept + " (" + pick(random, PHRASES) + " OR " + pick(random, NEAR) + ")";
            case 18, 19 -> pick(random, PHRASES) + " " + name;
            case 20 -> pick(random, NEAR) + " " + concept;
            case 21, 22 -> name + " " + event + " NOT " + pick(random, EXCLUDE);
            case 23 -> "(" + name + " OR " + name(other, random) + ") " + event;
            case 24, 25, 26, 27, 28, 29 -> rareName(random);
            case 30, 31, 32, 33 -> rareName(random) + " " + name;
            case 34, 35 -> rareName(random) + " " + event;
            case 36, 37 -> "title:" + rareName(random) + " OR " + rareName(random);
            default ->
                "\""
                    + rareName(random).replace("\"", "")
                    + " "
                    + pick(random, EVENTS).replace("*", "")
                    + "\"";
          };
      queries.add(query);
    }
    return queries;
  }

  /** {@code count} classified news items of about 1.5 KB. */
  static List<ClassifiedItem> items(
      Taxonomy taxonomy, Classifier classifier, int count, long seed) {
    Random random = new Random(seed);
    List<Entry> actors = new ArrayList<>(taxonomy.actors());
    List<Entry> places = new ArrayList<>(taxonomy.regions());
    List<ClassifiedItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String title = fill(pick(random, SENTENCES), actors, places, random);
      title = title.substring(0, Math.min(title.length(), 90));
      StringBuilder summary = new StringBuilder();
      while (summary.length() < 250) {
        summary.append(fill(pick(random, SENTENCES), actors, places, random)).append(' ');
      }
      StringBuilder text = new StringBuilder();
      while (text.length() < 1200) {
        text.append(fill(pick(random, SENTENCES), actors, places, random)).append(' ');
      }
      RawItem raw =
          RawItem.of(
              String.format("%032x", i),
              "1",
              "https://feeds.example.org/rss",
              "Example",
              "https://news.example.org/" + i,
              title,
              summary.toString().strip(),
              text.toString().strip(),
              "en",
              null,
              Instant.EPOCH,
              List.of());
      Classification c = classifier.classify(raw);
      items.add(
          ClassifiedItem.of(
              raw,
              c.tags(),
              c.severity(),
              c.severityEvidence(),
              c.taxonomyVersion(),
              Instant.EPOCH));
    }
    return items;
  }

  private static String fill(String sentence, List<Entry> actors, List<Entry> places, Random r) {
    return sentence
        .replace("{A}", plainAlias(actors.get(r.nextInt(actors.size())), r))
        .replace("{P}", plainAlias(places.get(r.nextInt(places.size())), r))
        .replace("{N}", r.nextInt(3) == 0 ? rareName(r).replace("\"", "") : "a spokesman");
  }

  private static String plainAlias(Entry entry, Random random) {
    List<Alias> aliases = entry.aliases();
    Alias alias = aliases.get(random.nextInt(Math.min(3, aliases.size())));
    return alias.text();
  }

  /** An alias of the entry, as officers type names: mostly the common ones. */
  private static String name(Entry entry, Random random) {
    List<Alias> aliases = entry.aliases();
    Alias alias = aliases.get(random.nextInt(Math.min(4, aliases.size())));
    String text = alias.text().replace("~", "");
    return text.contains(" ") ? quoted(text) : text;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "") + "\"";
  }

  /** A person's or village's name that few subscriptions share. */
  static String rareName(Random random) {
    StringBuilder name = new StringBuilder();
    int words = 1 + random.nextInt(2);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        name.append(' ');
      }
      int syllables = 2 + random.nextInt(2);
      StringBuilder word = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return words > 1 ? "\"" + name + "\"" : name.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }
}
