package io.newswatch.alert.story;

import io.newswatch.events.RawItem;
import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What tells that two items are one story: the same normalised link, or nearly the same text.
 *
 * <p>The link key ignores scheme, a leading {@code www.} or {@code m.}, default ports, fragments,
 * tracking parameters, the order of query parameters and a trailing slash. The text fingerprint is
 * a 64-bit SimHash over word pairs (shingles of two normalised words) of the body (summary and
 * text), or of the title with the body when the body is short. Short news texts move a SimHash more
 * than long pages do: copies of one wire story with a dateline added or a word changed were 6 to 11
 * bits apart, different stories written from one template 25 or more. So a SimHash within {@link
 * #MAX_DISTANCE} bits only makes a candidate, and the candidate is the same story when most of the
 * shorter text's word pairs occur in the other ({@link #containment}, at least {@link
 * #MIN_CONTAINMENT}). For fewer than {@link #MIN_WORDS} words there is no text fingerprint: too
 * little to tell stories apart.
 *
 * @param linkKey hex digest of the normalised link, or null without a usable link
 * @param simHash the text fingerprint, or null for a short text
 * @param shingles sorted hashes of the word pairs the SimHash was made of
 */
public record StoryFingerprint(String linkKey, Long simHash, long[] shingles) {

  /** Most differing bits of two fingerprints that may be one story. */
  public static final int MAX_DISTANCE = 12;

  /** Share of the shorter text's word pairs that the other text must have. */
  public static final double MIN_CONTAINMENT = 0.6;

  /** Fewest words for a text fingerprint. */
  public static final int MIN_WORDS = 12;

  /**
   * Bands of the fingerprint: two fingerprints within {@link #MAX_DISTANCE} bits agree on at least
   * one whole band (pigeonhole), so candidates are found by equal bands.
   */
  public static final int BANDS = MAX_DISTANCE + 1;

  private static final int SHINGLE = 2;

  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid",
          "ocid", "smid", "cmp", "rss", "feed", "src");

  /** The fingerprint of an item. */
  public static StoryFingerprint of(RawItem item) {
    long[] shingles = shingles(item.title(), item.summary() + "\n" + item.text());
    return new StoryFingerprint(
        linkKey(item.url()), shingles.length == 0 ? null : simHash(shingles), shingles);
  }

  /** The link key, or null for no link or one that is not http(s). */
  public static String linkKey(String link) {
    String normalized = normalizeLink(link);
    if (normalized == null) {
      return null;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The link as compared: host without www, path, sorted parameters without tracking ones. */
  static String normalizeLink(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return null;
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      } else if (host.startsWith("m.")) {
        host = host.substring(2);
      }
      int port = uri.getPort();
      String authority = port < 0 || port == 80 || port == 443 ? host : host + ":" + port;
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      List<String> parameters = new ArrayList<>();
      if (uri.getRawQuery() != null) {
        for (String parameter : uri.getRawQuery().split("&")) {
          String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
          if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
            parameters.add(parameter);
          }
        }
      }
      parameters.sort(null);
      return authority + path + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * Hashes of the word pairs of the body, or of title and body when the body is short; empty when
   * even that is too short.
   */
  static long[] shingles(String title, String body) {
    List<String> words = words(body);
    if (words.size() < MIN_WORDS) {
      words = words(title + "\n" + body);
    }
    if (words.size() < MIN_WORDS) {
      return new long[0];
    }
    long[] hashes = new long[words.size() - SHINGLE + 1];
    for (int i = 0; i < hashes.length; i++) {
      long h = 0xcbf29ce484222325L;
      for (int k = 0; k < SHINGLE; k++) {
        String word = words.get(i + k);
        for (int c = 0; c < word.length(); c++) {
          h = (h ^ word.charAt(c)) * 0x100000001b3L;
        }
        h = (h ^ ' ') * 0x100000001b3L;
      }
      hashes[i] = mix(h);
    }
    return Arrays.stream(hashes).sorted().distinct().toArray();
  }

  /** The SimHash of a set of feature hashes: each bit the majority vote of the features. */
  static long simHash(long[] features) {
    int[] votes = new int[64];
    for (long h : features) {
      for (int bit = 0; bit < 64; bit++) {
        votes[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
      }
    }
    long fingerprint = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        fingerprint |= 1L << bit;
      }
    }
    return fingerprint;
  }

  /** Share of the smaller set of word pairs found in the other (both sorted). */
  public static double containment(long[] a, long[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    int common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / Math.min(a.length, b.length);
  }

  /** True when another item's text is this story's: SimHash near and word pairs shared. */
  public boolean sameText(StoryFingerprint other) {
    return simHash != null
        && other.simHash != null
        && distance(simHash, other.simHash) <= MAX_DISTANCE
        && containment(shingles, other.shingles) >= MIN_CONTAINMENT;
  }

  private static List<String> words(String text) {
    return TextNormalizer.normalize(text).tokens().stream()
        .filter(Token::isWord)
        .map(Token::term)
        .toList();
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Differing bits of two fingerprints. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * The bands of the fingerprint, each tagged with its number ({@code band << 16 | value}), so that
   * equal values of different bands differ; empty without a fingerprint.
   */
  public int[] bands() {
    if (simHash == null) {
      return new int[0];
    }
    int[] bands = new int[BANDS];
    int from = 0;
    for (int b = 0; b < BANDS; b++) {
      int width = 64 / BANDS + (b < 64 % BANDS ? 1 : 0);
      int value = (int) ((simHash >>> from) & ((1L << width) - 1));
      bands[b] = b << 16 | value;
      from += width;
    }
    return bands;
  }

  /**
   * Keys of PostgreSQL advisory locks that every item of the same story shares at least one of (the
   * link's, or a band's), sorted so that transactions take them in one order.
   */
  public long[] lockKeys() {
    int[] bands = bands();
    long[] keys = new long[bands.length + (linkKey == null ? 0 : 1)];
    for (int i = 0; i < bands.length; i++) {
      keys[i] = 0x5354_0000_0000_0000L | bands[i];
    }
    if (linkKey != null) {
      keys[bands.length] = 0x534C_0000_0000_0000L | Long.parseLong(linkKey.substring(0, 12), 16);
    }
    Arrays.sort(keys);
    return keys;
  }
}
