package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the Retry-After header. */
class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-01-15T08:00:00Z");

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "120                            | PT2M",
        "' 3600 '                       | PT1H",
        "0                              | PT0S",
        "Thu, 15 Jan 2026 08:30:00 GMT  | PT30M",
        "Thu, 15 Jan 2026 07:00:00 GMT  | PT0S",
        "soon                           | none",
        "-5                             | none",
        "99999999999999999999999        | none",
        "none                           | none",
      })
  void readsDelaySecondsAndHttpDates(String header, String expected) {
    Optional<Duration> parsed = RetryAfter.parse(header, NOW);

    assertThat(parsed).isEqualTo(Optional.ofNullable(expected).map(Duration::parse));
  }
}
