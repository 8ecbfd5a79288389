package io.newswatch.taxonomy.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.Evidence;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The quality report: classifies the five seed articles and compares, sentence by sentence, the
 * named (not inferred) tags with the labelled set in {@code quality/labels.tsv}. A tag found
 * outside every labelled sentence counts as a false positive.
 */
class QualityReportTest {

  private static final double FLOOR = 0.95;

  private record Sentence(String article, int start, int end, Set<String> expected, String text) {}

  private static final class Score {
    int truePositives;
    int falsePositives;
    int falseNegatives;

    double precision() {
      return truePositives / (double) Math.max(1, truePositives + falsePositives);
    }

    double recall() {
      return truePositives / (double) Math.max(1, truePositives + falseNegatives);
    }
  }

  @Test
  void precisionAndRecallOfEachTagTypeAreAtLeast95PercentOnTheLabelledSentences()
      throws IOException {
    Classifier classifier = new Classifier(TaxonomyLoader.loadDefault());
    Map<String, List<Sentence>> byArticle = labelledSentences();
    Map<TagType, Score> scores = new EnumMap<>(TagType.class);
    for (TagType type : TagType.values()) {
      scores.put(type, new Score());
    }
    List<String> errors = new ArrayList<>();
    int sentences = 0;
    for (Map.Entry<String, List<Sentence>> article : byArticle.entrySet()) {
      String text = resource("quality/articles/" + article.getKey() + ".txt");
      List<Sentence> labelled = article.getValue();
      sentences += labelled.size();
      Map<Sentence, Set<String>> predicted = new LinkedHashMap<>();
      labelled.forEach(s -> predicted.put(s, new HashSet<>()));
      for (Tag tag : classifier.classify("", "", text).tags()) {
        if (tag.inferred()) {
          continue;
        }
        for (Evidence evidence : tag.evidence()) {
          String key = key(tag.type(), tag.id());
          Sentence home = null;
          for (Sentence s : labelled) {
            if (evidence.start() >= s.start() && evidence.end() <= s.end()) {
              home = s;
            }
          }
          if (home == null) {
            scores.get(tag.type()).falsePositives++;
            errors.add(
                article.getKey()
                    + " outside labelled sentences: "
                    + key
                    + " '"
                    + evidence.text()
                    + "' at "
                    + evidence.start());
          } else {
            predicted.get(home).add(key);
          }
        }
      }
      for (Sentence s : labelled) {
        Set<String> found = predicted.get(s);
        for (String key : found) {
          Score score = scores.get(type(key));
          if (s.expected().contains(key)) {
            score.truePositives++;
          } else {
            score.falsePositives++;
            errors.add(s.article() + " false positive " + key + " in: " + s.text());
          }
        }
        for (String key : s.expected()) {
          if (!found.contains(key)) {
            scores.get(type(key)).falseNegatives++;
            errors.add(s.article() + " missed " + key + " in: " + s.text());
          }
        }
      }
    }
    System.out.println("Quality report on " + sentences + " labelled sentences of 5 articles:");
    for (Map.Entry<TagType, Score> entry : scores.entrySet()) {
      Score s = entry.getValue();
      System.out.printf(
          "  %-6s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)%n",
          entry.getKey().name().toLowerCase(),
          s.precision(),
          s.recall(),
          s.truePositives,
          s.falsePositives,
          s.falseNegatives);
    }
    errors.forEach(e -> System.out.println("  - " + e));
    assertThat(sentences).isGreaterThanOrEqualTo(150);
    for (Map.Entry<TagType, Score> entry : scores.entrySet()) {
      assertThat(entry.getValue().precision())
          .as(entry.getKey() + " precision")
          .isGreaterThanOrEqualTo(FLOOR);
      assertThat(entry.getValue().recall())
          .as(entry.getKey() + " recall")
          .isGreaterThanOrEqualTo(FLOOR);
    }
  }

  private static String key(TagType type, String id) {
    return (type == TagType.ACTOR ? "actor:" : "region:") + id;
  }

  private static TagType type(String key) {
    return key.startsWith("actor:") ? TagType.ACTOR : TagType.REGION;
  }

  /** The labelled sentences, located in their articles in order. */
  private static Map<String, List<Sentence>> labelledSentences() throws IOException {
    Map<String, List<Sentence>> byArticle = new LinkedHashMap<>();
    Map<String, Integer> cursor = new LinkedHashMap<>();
    for (String line : resource("quality/labels.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("article\t")) {
        continue;
      }
      String[] cells = line.split("\t", 4);
      String article = cells[0];
      String text = resource("quality/articles/" + article + ".txt");
      int from = cursor.getOrDefault(article, 0);
      int start = text.indexOf(cells[3], from);
      assertThat(start)
          .as("sentence of %s not found after %d: %s", article, from, cells[3])
          .isGreaterThanOrEqualTo(0);
      cursor.put(article, start + cells[3].length());
      Set<String> expected = new HashSet<>();
      for (String id : cells[1].split(" ")) {
        if (!id.equals("-")) {
          expected.add(key(TagType.ACTOR, id));
        }
      }
      for (String id : cells[2].split(" ")) {
        if (!id.equals("-")) {
          expected.add(key(TagType.REGION, id));
        }
      }
      byArticle
          .computeIfAbsent(article, a -> new ArrayList<>())
          .add(new Sentence(article, start, start + cells[3].length(), expected, cells[3]));
    }
    return byArticle;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = QualityReportTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
