package io.newswatch.taxonomy.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  @ParameterizedTest(name = "{2}: \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "ISIS-K | isis k | hyphen is a space",
        "ISIS\u2011K | isis k | non-breaking hyphen is a space",
        "ISIS \u2013 K | isis k | en dash with spaces is one space",
        "ISIS\u00A0K | isis k | non-breaking space is a space",
        "ISIS\u2014\u2014K | isis k | a run of dashes is one space",
        "Taliban's | taliban | possessive removed",
        "Taliban\u2019s fighters | taliban fighters | typographic possessive removed",
        "ISIS\u2019 Afghan | isis afghan | plural possessive apostrophe removed",
        "Qal'ah-ye Zal | qalah ye zal | transliteration apostrophe joins the word",
        "\u02BFAliabad | aliabad | ayn letter removed",
        "Tal\u200Biban | taliban | zero-width space removed",
        "Tal\u00ADiban | taliban | soft hyphen removed",
        "Kunduz\u200E | kunduz | direction mark removed",
        "Fa\u00EFz\u0101b\u0101d | faizabad | diacritics folded",
        "Fayza\u0304bad | fayzabad | combining macron folded",
        "\uFF29\uFF33\uFF2B\uFF30 | iskp | full-width letters (NFKC)",
        "\uFB01ghters | fighters | ligature expanded (NFKC)",
        "\u0643\u0646\u062F\u0632 | \u06A9\u0646\u062F\u0632 | Arabic kaf is Persian keheh",
        "\u0639\u0644\u064A | \u0639\u0644\u06CC | Arabic yeh is Persian yeh",
        "\u0647\u0631\u0627\u0629 | \u0647\u0631\u0627\u0647 | teh marbuta is heh",
        "\u0627\u0654\u0641\u063A\u0627\u0646\u0633\u062A\u0627\u0646 | \u0627\u0641\u063A\u0627\u0646\u0633\u062A\u0627\u0646 | hamza above removed",
        "\u0628\u062F\u0640\u062E\u0634\u0627\u0646 | \u0628\u062F\u062E\u0634\u0627\u0646 | tatweel removed",
        "\u06F1\u06F4\u06F0\u06F3 | 1403 | Persian digits are ASCII digits",
        "\u0418\u0413\u0418\u041B-\u0425\u043E\u0440\u0430\u0441\u0430\u043D | \u0438\u0433\u0438\u043B \u0445\u043E\u0440\u0430\u0441\u0430\u043D | Cyrillic folded",
        "\u0451\u043B\u043A\u0430 | \u0435\u043B\u043A\u0430 | Cyrillic yo is ye",
        "  Badakhshan  | badakhshan | leading and trailing spaces dropped",
        "KABUL | kabul | upper case folded",
        "\uD835\uDC08\uD835\uDC12 | is | mathematical bold letters (NFKC, outside the BMP)"
      })
  void normalisesLikeTheTable(String input, String expected, String rule) {
    assertThat(TextNormalizer.normalize(input).text()).isEqualTo(expected);
  }

  @Test
  void keepsTheCaseInTheCasedText() {
    NormalizedText text = TextNormalizer.normalize("IS\u2011K and Is");

    assertThat(text.casedText()).isEqualTo("IS K and Is");
    assertThat(text.text()).isEqualTo("is k and is");
  }

  @Test
  void mapsEveryNormalisedCharacterBackToItsOriginalSpan() {
    String original = "Tal\u200Biban\u2019s ISIS\u2011K in Fayza\u0304bad";
    NormalizedText text = TextNormalizer.normalize(original);

    // "taliban isis k in fayzabad": find each word and check it maps to the original spelling.
    List<Token> tokens = text.tokens();
    assertThat(tokens)
        .extracting(Token::term)
        .containsExactly("taliban", "isis", "k", "in", "fayzabad");
    assertThat(tokens)
        .extracting(t -> original.substring(t.start(), t.end()))
        .containsExactly("Tal\u200Biban", "ISIS", "K", "in", "Fayza\u0304bad");
  }

  @Test
  void tokensArePunctuationCharactersOrRunsOfLettersAndDigits() {
    List<Token> tokens = TextNormalizer.normalize("U.S. forces, 17 clashes").tokens();

    assertThat(tokens)
        .extracting(Token::term)
        .containsExactly("u", ".", "s", ".", "forces", ",", "17", "clashes");
    assertThat(tokens)
        .extracting(Token::isWord)
        .containsExactly(true, false, true, false, true, false, true, true);
    assertThat(tokens).extracting(Token::position).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void keyIsTheFoldedWordsJoinedBySingleSpaces() {
    assertThat(TextNormalizer.key("  Islamic State\u2019s  Khorasan\u2013Province "))
        .isEqualTo("islamic state khorasan province");
    assertThat(TextNormalizer.casedKey("IS\u2011K")).isEqualTo("IS K");
  }

  @Test
  void emptyAndSeparatorOnlyTextsNormaliseToNothing() {
    assertThat(TextNormalizer.normalize("").length()).isZero();
    assertThat(TextNormalizer.normalize(" \u2013 \u200B ").tokens()).isEmpty();
  }
}
