package io.newswatch.ingest.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads a response body, decoding {@code gzip} and {@code deflate}, and stops at a size limit on
 * the decoded bytes, so that a small compressed body cannot unpack into gigabytes in our memory (a
 * gzip bomb).
 */
public final class BodyReader {

  /**
   * The decoded body and whether it was cut.
   *
   * @param bytes at most the limit
   * @param truncated true when there was more
   */
  public record Body(byte[] bytes, boolean truncated) {}

  private BodyReader() {}

  /**
   * Reads {@code raw} to its end or to {@code maxBytes} decoded bytes, whichever comes first.
   *
   * @param contentEncoding the {@code Content-Encoding} header, or null
   * @throws IOException when the stream fails or the encoding is unknown or corrupt
   */
  public static Body read(InputStream raw, String contentEncoding, int maxBytes)
      throws IOException {
    InputStream decoded = decoder(raw, contentEncoding);
    byte[] bytes = decoded.readNBytes(maxBytes + 1);
    return bytes.length > maxBytes
        ? new Body(Arrays.copyOf(bytes, maxBytes), true)
        : new Body(bytes, false);
  }

  private static InputStream decoder(InputStream raw, String contentEncoding) throws IOException {
    String encoding =
        contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity" -> {
        return raw;
      }
      case "gzip", "x-gzip" -> {
        return new GZIPInputStream(raw, 8192);
      }
      case "deflate" -> {
        // "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate.
        BufferedInputStream buffered = new BufferedInputStream(raw, 8192);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean zlib =
            first >= 0 && second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        return new InflaterInputStream(buffered, new Inflater(!zlib), 8192);
      }
      default -> throw new IOException("unsupported content encoding");
    }
  }
}
