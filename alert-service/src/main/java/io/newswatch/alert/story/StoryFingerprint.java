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
 * <p>Candidates are looked up by {@link #bands} (MinHash locality-sensitive hashing of the word
 * pairs), not by pieces of the SimHash: pieces small enough that every pair within 12 bits shares
 * one (13 pieces of 5 bits) are shared by a third of all unrelated items, so each lookup read most
 * of the story window and every lock key was taken by every other item.
 *
 * @param linkKey hex digest of the normalised link, or null without a usable link
 * @param simHash the text fingerprint, or null for a short text
 * @param shingles sorted hashes of the word pairs the SimHash was made of
 * @param bands the band keys of the text (see {@link #BANDS}), empty for a short text
 */
public record StoryFingerprint(String linkKey, Long simHash, long[] shingles, int[] bands) {

  /** Most differing bits of two fingerprints that may be one story. */
  public static final int MAX_DISTANCE = 12;

  /** Share of the shorter text's word pairs that the other text must have. */
  public static final double MIN_CONTAINMENT = 0.6;

  /** Fewest words for a text fingerprint. */
  public static final int MIN_WORDS = 12;

  /**
   * Bands of the text key: MinHash signatures of the word pairs, {@link #ROWS} minimums to a band.
   * Two texts whose word pairs have a Jaccard similarity J share at least one band with probability
   * 1 - (1 - J^3)^24: 0.96 for J = 0.5, 0.997 for 0.6, all but certain for the copies of one wire
   * story (0.7 and more); unrelated news (J about 0.05) share one with probability 0.003. So the
   * candidates that {@link #sameText} decides on are found by equal band keys, and are few.
   */
  public static final int BANDS = 24;

  /** MinHash values combined into one band key. */
  public static final int ROWS = 3;

  private static final int SHINGLE = 2;

  /** One seed per MinHash function, fixed: stored band keys must stay comparable. */
  private static final long[] SEEDS = seeds(BANDS * ROWS);

  private static long[] seeds(int count) {
    long[] seeds = new long[count];
    long state = 0x4e65777357617463L; // "NewsWatc"
    for (int i = 0; i < count; i++) {
      state += 0x9e3779b97f4a7c15L;
      seeds[i] = mix(state);
    }
    return seeds;
  }

  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid",
          "ocid", "smid", "cmp", "rss", "feed", "src");

  /** The fingerprint of an item. */
  public static StoryFingerprint of(RawItem item) {
    long[] shingles = shingles(item.title(), item.summary() + "\n" + item.text());
    return shingles.length == 0
        ? new StoryFingerprint(linkKey(item.url()), null, shingles, new int[0])
        : new StoryFingerprint(linkKey(item.url()), simHash(shingles), shingles, bandsOf(shingles));
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
    return sortedDistinct(hashes);
  }

  /**
   * The values sorted, each once; sorts the array given. (A stream's {@code distinct()} boxes every
   * long into a set: with its sort, a third of the time to fingerprint an item.)
   */
  public static long[] sortedDistinct(long[] values) {
    Arrays.sort(values);
    int kept = 0;
    for (int i = 0; i < values.length; i++) {
      if (kept == 0 || values[i] != values[kept - 1]) {
        values[kept++] = values[i];
      }
    }
    return kept == values.length ? values : Arrays.copyOf(values, kept);
  }

  /** The SimHash of a set of feature hashes: each bit the majority vote of the features. */
  static long simHash(long[] features) {
    long fingerprint = 0;
    for (int bit = 0; bit < 64; bit++) {
      // Bit by bit over all features: a tight loop the JIT unrolls, four times faster than
      // voting feature by feature.
      int ones = 0;
      for (long h : features) {
        ones += (int) ((h >>> bit) & 1);
      }
      if (2 * ones > features.length) {
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
   * The {@link #BANDS} band keys of a text: each a hash of the band's number and {@link #ROWS}
   * MinHash values of the word pairs.
   */
  static int[] bandsOf(long[] shingles) {
    long[] minimums = new long[BANDS * ROWS];
    for (int k = 0; k < minimums.length; k++) {
      // The word-pair hashes are uniform already: xor with a seed and an odd multiplier make the
      // k-th permutation of them, two instructions where a full mix would take seven.
      long seed = SEEDS[k];
      long multiplier = SEEDS[(k + 1) % SEEDS.length] | 1;
      long minimum = Long.MAX_VALUE;
      for (long shingle : shingles) {
        minimum = Math.min(minimum, (shingle ^ seed) * multiplier);
      }
      minimums[k] = minimum;
    }
    int[] bands = new int[BANDS];
    for (int b = 0; b < BANDS; b++) {
      long h = 0x9e3779b97f4a7c15L * (b + 1);
      for (int r = 0; r < ROWS; r++) {
        h = mix(h ^ minimums[b * ROWS + r]);
      }
      bands[b] = (int) (h >>> 32);
    }
    return bands;
  }

  /**
   * Keys of PostgreSQL advisory locks that every item of the same story shares at least one of (the
   * link's, or a band's), sorted so that transactions take them in one order.
   */
  public long[] lockKeys() {
    long[] keys = new long[bands.length + (linkKey == null ? 0 : 1)];
    for (int i = 0; i < bands.length; i++) {
      keys[i] = 0x5354_0000_0000_0000L | (bands[i] & 0xFFFF_FFFFL);
    }
    if (linkKey != null) {
      keys[bands.length] = 0x534C_0000_0000_0000L | Long.parseLong(linkKey.substring(0, 12), 16);
    }
    return sortedDistinct(keys);
  }
}
