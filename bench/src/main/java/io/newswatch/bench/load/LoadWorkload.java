package io.newswatch.bench.load;

import io.newswatch.bench.alert.Workload;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Region;
import io.newswatch.taxonomy.RegionKind;
import io.newswatch.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Subscriptions and news items for the load benchmark, deterministic for a seed.
 *
 * <p>Subscriptions are what a watch floor writes: a few broad ones (an actor or a province, by name
 * or as a concept), mostly specific ones (a name with event words, two names, concepts with
 * keywords, phrases, proximity, prefixes, OR and NOT), and a long tail of names outside the
 * taxonomy (people, villages, units) that match nothing in this workload. Items are articles of
 * about 1.5 KB: a share of them about the region (naming one actor and one or two places, several
 * times), the others world news that names none of them, as in a general news firehose. Every
 * article is a story of its own: its own link, and sentences whose words are varied enough that
 * alert-service's text fingerprint does not take two articles for copies.
 */
final class LoadWorkload {

  private static final String[] REGIONAL_TITLES = {
    "{A} claims attack on checkpoint near {P}",
    "Drone strike kills three in {P}, officials say",
    "Flash floods displace hundreds of families in {P}",
    "{A} fighters clash with border guards outside {P}",
    "Roadside bomb kills local commander in {P}",
    "Aid convoy blocked on the road to {P}",
    "Officials in {P} reopen border crossing after talks",
    "Polio vaccination campaign begins in {P}",
    "{A} says it arrested suspects after blast in {P}",
    "Prices of wheat rise in {P} markets as imports slow"
  };

  private static final String[] REGIONAL_SENTENCES = {
    "Officials in {P} said on Tuesday that fighters had moved into two districts near the border.",
    "The interior ministry said its forces had arrested several suspects after the attack on a"
        + " checkpoint outside {P}.",
    "Residents of {P} reported heavy gunfire overnight, and a hospital received six wounded"
        + " people.",
    "{A} claimed responsibility for the blast in a statement published by its news agency.",
    "Analysts warned that {A} was regrouping along the border, where cross-border raids have"
        + " increased.",
    "The United Nations said it was concerned about the detention of journalists in {P}.",
    "Border guards closed the crossing at {P} for two days after clashes on the other side.",
    "Farmers in {P} said the ban on poppy cultivation had cut their incomes by half.",
    "Witnesses said a drone strike hit a compound near {P}, killing three people.",
    "{A} has long operated from bases on both sides of the border, according to the report.",
    "Teachers in {P} said girls' schools remained closed above the sixth grade.",
    "Flash floods swept through villages in {P} after two days of heavy rain, officials said.",
    "A local commander was killed when a roadside bomb struck his vehicle in {P}.",
    "Health workers began a polio vaccination campaign in {P}, the health department said.",
    "The delegation travelled from {P} by road and met provincial officials and elders."
  };

  private static final String[] WORLD_TITLES = {
    "Central bank holds interest rates steady as inflation eases",
    "Storm brings heavy snow and power cuts to northern towns",
    "Parliament passes budget after a night of debate",
    "Carmaker recalls thousands of vehicles over brake fault",
    "Striking rail workers reach a deal with the operator",
    "Record crowds as the summer festival opens in the capital",
    "Scientists report progress on a vaccine against malaria",
    "Shares fall as technology companies report weaker sales",
    "Wildfire forces hundreds to leave their homes on the coast",
    "Football club names a new coach after a poor season"
  };

  private static final String[] WORLD_SENTENCES = {
    "The decision was announced on Wednesday after a meeting of the board.",
    "Analysts said the figures were better than markets had expected.",
    "Several roads were closed and trains were cancelled for most of the day.",
    "The minister told reporters that the government would publish a plan next month.",
    "Union leaders said their members would vote on the offer next week.",
    "Prices for fuel and food have risen sharply over the past year.",
    "The company said it would contact the owners of the affected cars by letter.",
    "Emergency services said nobody had been seriously hurt.",
    "Organisers expect more than a hundred thousand visitors over the weekend.",
    "The researchers said larger trials would be needed before any approval.",
    "The opposition criticised the plan as too little and too late.",
    "Investors are waiting for the quarterly results of the largest banks.",
    "Firefighters were helped by a change in the wind overnight, officials said.",
    "The club said the new coach had signed a contract for three seasons.",
    "Local businesses said the closures had cost them a week of trade."
  };

  private static final String[] SYLLABLES = {
    "ab", "dul", "ra", "him", "za", "rif", "kha", "lil", "mo", "ham", "mad", "na", "sir", "gul",
    "ba", "dar", "qa", "dir", "sha", "fiq", "ja", "mal", "zi", "ya", "tul", "lah", "hak", "im"
  };

  /** Every word of the world-news sentences, the pool {@link #vary} draws from. */
  private static final String[] FILLER =
      Arrays.stream(WORLD_SENTENCES)
          .flatMap(sentence -> Arrays.stream(sentence.split("[^A-Za-z]+")))
          .filter(word -> word.length() > 2)
          .map(word -> word.toLowerCase(Locale.ROOT))
          .distinct()
          .toArray(String[]::new);

  private final List<Entry> actors = new ArrayList<>();
  private final List<Entry> places = new ArrayList<>();
  private final double regionalShare;
  private final Shape shape;
  private final Random random;

  /** What an item carries. */
  enum Shape {
    /** A headline, a summary of about 220 characters and a text of about 1,100: 1.5 KB. */
    ARTICLE,
    /**
     * A headline and a summary of about 220 characters, no text: what most RSS feeds carry. Long
     * enough for a text fingerprint, so story recognition by text still runs.
     */
    SUMMARY,
    /**
     * A headline of at most 9 words and nothing else, a diagnostic: it leaves out the
     * classification of long texts and story recognition by text (12 words at least).
     */
    TITLE;

    /** The shape named on the command line: article, summary or title. */
    static Shape named(String name) {
      for (Shape shape : values()) {
        if (shape.name().equalsIgnoreCase(name)) {
          return shape;
        }
      }
      throw new IllegalArgumentException(
          "--items must be article, summary or title, not \"" + name + "\"");
    }
  }

  /**
   * @param regionalShare share of items about the region (0 to 1)
   * @param shape what each item carries
   */
  LoadWorkload(Taxonomy taxonomy, double regionalShare, Shape shape, long seed) {
    this.regionalShare = regionalShare;
    this.shape = shape;
    this.random = new Random(seed);
    actors.addAll(taxonomy.actors());
    for (Region region : taxonomy.regions()) {
      // Countries and border zones would make every regional item match the broad subscriptions
      // on them; officers watch provinces, cities and districts.
      if (region.kind() == RegionKind.PROVINCE
          || region.kind() == RegionKind.CITY
          || region.kind() == RegionKind.DISTRICT) {
        places.add(region);
      }
    }
  }

  /** {@code count} subscription queries, each valid in the query language. */
  List<String> queries(int count) {
    List<String> queries = new ArrayList<>(count);
    while (queries.size() < count) {
      queries.add(query());
    }
    return queries;
  }

  private String query() {
    Entry entry = random.nextBoolean() ? pick(actors) : pick(places);
    Entry other = random.nextBoolean() ? pick(actors) : pick(places);
    String name = name(entry);
    String concept = (entry.type() == TagType.ACTOR ? "actor:" : "region:") + quoted(entry.name());
    int roll = random.nextInt(100);
    if (roll < 4) {
      return name;
    } else if (roll < 8) {
      return concept;
    } else if (roll < 28) {
      return name + " " + pick(Workload.EVENTS);
    } else if (roll < 36) {
      return name + " (" + pick(Workload.EVENTS) + " OR " + pick(Workload.EVENTS) + ")";
    } else if (roll < 42) {
      return name + " " + name(other);
    } else if (roll < 50) {
      return concept + " " + pick(Workload.EVENTS) + " " + pick(Workload.EVENTS);
    } else if (roll < 54) {
      return concept + " (" + pick(Workload.PHRASES) + " OR " + pick(Workload.NEAR) + ")";
    } else if (roll < 59) {
      return pick(Workload.PHRASES) + " " + name;
    } else if (roll < 62) {
      return pick(Workload.NEAR) + " " + concept;
    } else if (roll < 68) {
      return name + " " + pick(Workload.EVENTS) + " NOT " + pick(Workload.EXCLUDE);
    } else if (roll < 72) {
      return "(" + name + " OR " + name(other) + ") " + pick(Workload.EVENTS);
    } else if (roll < 82) {
      return rareName();
    } else if (roll < 90) {
      return rareName() + " " + name;
    } else if (roll < 95) {
      return rareName() + " " + pick(Workload.EVENTS);
    } else {
      return "title:" + rareName() + " OR " + rareName();
    }
  }

  /** The mean size (JSON, as sent) of the next {@code count} items. */
  int averageBytes(int count) {
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      bytes += EventJson.write(item("sample-" + i, i)).length;
    }
    return (int) (bytes / count);
  }

  /** A news item of the workload's shape with a fresh id, fetched now. */
  RawItem item(String id, long sequence) {
    return item(id, sequence, Instant.now());
  }

  /** A news item of the workload's shape with a fresh id, published and fetched then. */
  RawItem item(String id, long sequence, Instant now) {
    boolean regional = random.nextDouble() < regionalShare;
    // An article is about one actor and one or two places, named again and again.
    String actor = plainAlias(pick(actors));
    List<String> where = new ArrayList<>(List.of(plainAlias(pick(places))));
    if (random.nextInt(3) == 0) {
      where.add(plainAlias(pick(places)));
    }
    String title = fill(pick(regional ? REGIONAL_TITLES : WORLD_TITLES), actor, where);
    StringBuilder summary = new StringBuilder();
    StringBuilder text = new StringBuilder();
    if (shape == Shape.TITLE) {
      // At most 9 words (a dash counts as a space): too few for a text fingerprint (12).
      String[] words = title.split("[ -]");
      title = String.join(" ", Arrays.copyOf(words, Math.min(words.length, 9)));
    } else {
      while (summary.length() < 220) {
        summary.append(fill(sentence(regional), actor, where)).append(' ');
      }
      while (shape == Shape.ARTICLE && text.length() < 1100) {
        text.append(fill(sentence(regional), actor, where)).append(' ');
      }
    }
    return RawItem.of(
        id,
        "load-" + (sequence % 500),
        "https://feeds.example.org/load/" + (sequence % 500) + ".xml",
        "Load feed " + (sequence % 500),
        "https://news.example.org/load/" + id,
        title,
        summary.toString().strip(),
        text.toString().strip(),
        "en",
        now,
        now,
        List.of());
  }

  private String sentence(boolean regional) {
    // Regional articles carry world-news filler too, as real ones do.
    return vary(
        regional && random.nextInt(3) > 0 ? pick(REGIONAL_SENTENCES) : pick(WORLD_SENTENCES));
  }

  /**
   * The template with about half of its words (never its {A} and {P} slots) replaced by other
   * common words. Articles made of whole template sentences share most of their word pairs, and
   * alert-service rightly takes them for copies of a few stories; varied ones are distinct stories,
   * as the articles of a news firehose mostly are, while keeping the template's words and names.
   */
  private String vary(String template) {
    String[] words = template.split(" ");
    StringBuilder varied = new StringBuilder(template.length() + 16);
    for (int w = 0; w < words.length; w++) {
      if (w > 0) {
        varied.append(' ');
      }
      String word = words[w];
      if (!word.contains("{") && random.nextBoolean()) {
        String replacement = pick(FILLER);
        // Keep the sentence's punctuation.
        char last = word.charAt(word.length() - 1);
        word = Character.isLetterOrDigit(last) ? replacement : replacement + last;
      }
      varied.append(word);
    }
    return varied.toString();
  }

  private String fill(String template, String actor, List<String> places) {
    return template.replace("{A}", actor).replace("{P}", pick(places));
  }

  private String plainAlias(Entry entry) {
    List<Alias> usable = usableAliases(entry);
    return usable.get(random.nextInt(Math.min(3, usable.size()))).text();
  }

  /** A name as officers type it: one of the common aliases, quoted when it has spaces. */
  private String name(Entry entry) {
    List<Alias> usable = usableAliases(entry);
    String text = usable.get(random.nextInt(Math.min(4, usable.size()))).text();
    return text.contains(" ") ? quoted(text) : text;
  }

  private static List<Alias> usableAliases(Entry entry) {
    List<Alias> usable =
        entry.aliases().stream()
            .filter(a -> !a.weak() && !a.text().contains("\"") && !a.text().contains("~"))
            .toList();
    return usable.isEmpty() ? List.of(Alias.of(entry.name(), false, false)) : usable;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "") + "\"";
  }

  /** A person's or village's name outside the taxonomy. */
  private String rareName() {
    StringBuilder name = new StringBuilder();
    int syllables = 2 + random.nextInt(2);
    for (int s = 0; s < syllables; s++) {
      name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
