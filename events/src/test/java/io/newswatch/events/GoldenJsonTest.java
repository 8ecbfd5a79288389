package io.newswatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the wire format: payloads written at schema version 1 must still read, and writing must
 * give the same JSON. Renaming, removing or retyping a field fails here.
 */
class GoldenJsonTest {

  private static final ObjectMapper TREES = new ObjectMapper();

  static Stream<Arguments> goldenFiles() {
    return Stream.of(
        Arguments.of("raw-item.json", RawItem.class, GoldenEvents.RAW_ITEM),
        Arguments.of("classified-item.json", ClassifiedItem.class, GoldenEvents.CLASSIFIED_ITEM),
        Arguments.of("alert-event.json", AlertEvent.class, GoldenEvents.ALERT_EVENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void goldenFileStillReadsAsTheSameEvent(String file, Class<?> type, Object expected)
      throws IOException {
    Object read = EventJson.read(golden(file), type);

    assertThat(read).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void writingGivesTheGoldenJson(String file, Class<?> type, Object event) throws IOException {
    JsonNode written = TREES.readTree(EventJson.write(event));

    assertThat(written).isEqualTo(TREES.readTree(golden(file)));
  }

  private static byte[] golden(String file) throws IOException {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/v1/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return in.readAllBytes();
    }
  }
}
