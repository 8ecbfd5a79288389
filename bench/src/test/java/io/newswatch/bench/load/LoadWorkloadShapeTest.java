package io.newswatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.events.RawItem;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadWorkloadShapeTest {

  private static List<RawItem> items(LoadWorkload.Shape shape) {
    LoadWorkload workload = new LoadWorkload(TaxonomyLoader.loadDefault(), 0.3, shape, 42);
    List<RawItem> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(workload.item("item-" + i, i));
    }
    return items;
  }

  private static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("[\\s-]+").length;
  }

  @Test
  void articlesCarryAHeadlineASummaryAndAText() {
    for (RawItem item : items(LoadWorkload.Shape.ARTICLE)) {
      assertThat(item.summary().length()).isGreaterThanOrEqualTo(200);
      assertThat(item.text().length()).isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void summariesHaveNoTextButEnoughWordsForATextFingerprint() {
    for (RawItem item : items(LoadWorkload.Shape.SUMMARY)) {
      assertThat(item.text()).isEmpty();
      assertThat(words(item.summary())).isGreaterThanOrEqualTo(12);
    }
  }

  @Test
  void titlesAreTooShortForATextFingerprint() {
    for (RawItem item : items(LoadWorkload.Shape.TITLE)) {
      assertThat(item.summary()).isEmpty();
      assertThat(item.text()).isEmpty();
      assertThat(words(item.title())).isBetween(1, 9);
    }
  }

  @Test
  void theAverageSizeFollowsTheShape() {
    int article =
        new LoadWorkload(TaxonomyLoader.loadDefault(), 0.3, LoadWorkload.Shape.ARTICLE, 7)
            .averageBytes(50);
    int summary =
        new LoadWorkload(TaxonomyLoader.loadDefault(), 0.3, LoadWorkload.Shape.SUMMARY, 7)
            .averageBytes(50);
    int title =
        new LoadWorkload(TaxonomyLoader.loadDefault(), 0.3, LoadWorkload.Shape.TITLE, 7)
            .averageBytes(50);
    assertThat(article).isGreaterThan(summary + 1000);
    assertThat(summary).isGreaterThan(title + 150);
  }

  @Test
  void aShapeIsNamedOnTheCommandLine() {
    assertThat(LoadWorkload.Shape.named("Summary")).isEqualTo(LoadWorkload.Shape.SUMMARY);
    assertThatThrownBy(() -> LoadWorkload.Shape.named("long"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("article, summary or title");
  }
}
