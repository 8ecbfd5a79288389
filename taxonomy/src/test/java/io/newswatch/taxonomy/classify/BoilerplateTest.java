package io.newswatch.taxonomy.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoilerplateTest {

  private static final String STORY =
      "Officials in Kunduz said on Monday that fighting had continued through the night and that"
          + " several families had left their homes for the provincial capital.";

  /** Lines are separated by '¦'; STORY stands for a paragraph of the article. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a story alone has no furniture | STORY | ",
        "a heading between paragraphs stays | STORY¦Taliban Approach¦STORY | ",
        "a menu of short lines is furniture | Home¦About Us¦Analysis¦Contact¦STORY | Home¦About Us¦Analysis¦Contact",
        "bullet items are furniture | \u2022 Home¦\u2022 Opinion Pieces¦\u2022 Reports¦STORY | \u2022 Home¦\u2022 Opinion Pieces¦\u2022 Reports",
        "share buttons are furniture | STORY¦Share on FacebookShare on Twitter | Share on FacebookShare on Twitter",
        "a copyright line is furniture | STORY¦\u00A9 2018 EER | \u00A9 2018 EER",
        "a bare link is furniture | STORY¦https://example.org/afghanistan/kabul | https://example.org/afghanistan/kabul",
        "related posts and everything after are furniture | STORY¦Related Posts¦The Taliban and Iran¦Read on, it is long. | Related Posts¦The Taliban and Iran¦Read on, it is long.",
        "more in a section and everything after | STORY¦More in International¦US Embassy in Baghdad | More in International¦US Embassy in Baghdad",
        "a marker before the story is only a line | Trending¦STORY | "
      })
  void findsFurnitureLines(String rule, String text, String expected) {
    String full = text.replace("STORY", STORY).replace('¦', '\n');

    List<String> found = new ArrayList<>();
    for (int[] range : Boilerplate.ranges(full)) {
      for (String line : full.substring(range[0], range[1]).split("\n")) {
        if (!line.isBlank()) {
          found.add(line.strip());
        }
      }
    }
    assertThat(found).isEqualTo(expected == null ? List.of() : Arrays.asList(expected.split("¦")));
  }
}
