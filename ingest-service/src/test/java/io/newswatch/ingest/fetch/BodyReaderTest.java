package io.newswatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding gzip and deflate bodies with a cap on the decoded size. */
class BodyReaderTest {

  private static final byte[] FEED =
      "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
          .getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {"", "identity", "gzip", "x-gzip", "deflate", "raw-deflate"})
  void decodesEveryEncodingWeAskFor(String encoding) throws IOException {
    byte[] wire = encode(FEED, encoding);
    String header = encoding.equals("raw-deflate") ? "deflate" : encoding;

    BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(wire), header, 1000);

    assertThat(body.bytes()).isEqualTo(FEED);
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void aGzipBombStopsAtTheCapOnDecodedBytes() throws IOException {
    byte[] bomb = gzipOfZeros(50 * 1024 * 1024);

    BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(bomb), "gzip", 1024 * 1024);

    assertThat(bomb.length).isLessThan(100 * 1024);
    assertThat(body.bytes()).hasSize(1024 * 1024);
    assertThat(body.truncated()).isTrue();
  }

  @Test
  void aBodyOfExactlyTheCapIsNotTruncated() throws IOException {
    BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(FEED), null, FEED.length);

    assertThat(body.truncated()).isFalse();
    assertThat(body.bytes()).isEqualTo(FEED);
  }

  @Test
  void anUnknownEncodingIsRefused() {
    assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(FEED), "br", 1000))
        .isInstanceOf(IOException.class)
        .hasMessage("unsupported content encoding");
  }

  static byte[] gzipOfZeros(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[64 * 1024];
      for (int written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static byte[] encode(byte[] bytes, String encoding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (encoding) {
      case "gzip", "x-gzip" -> {
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
          gzip.write(bytes);
        }
      }
      case "deflate" -> {
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(out)) {
          zlib.write(bytes);
        }
      }
      case "raw-deflate" -> {
        try (DeflaterOutputStream raw = new DeflaterOutputStream(out, new Deflater(9, true))) {
          raw.write(bytes);
        }
      }
      default -> out.write(bytes);
    }
    return out.toByteArray();
  }
}
