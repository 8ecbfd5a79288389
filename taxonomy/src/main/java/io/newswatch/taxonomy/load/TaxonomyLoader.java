package io.newswatch.taxonomy.load;

import io.newswatch.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a taxonomy: the default one shipped in this jar, or a directory holding the same four files
 * ({@value #PROPERTIES}, {@value #REGIONS}, {@value #ACTORS}, {@value #CUES}), and validates it.
 */
public final class TaxonomyLoader {

  public static final String PROPERTIES = "taxonomy.properties";
  public static final String REGIONS = "regions.tsv";
  public static final String ACTORS = "actors.tsv";
  public static final String CUES = "cues.tsv";

  /** The files of a taxonomy, in the order the checksum covers them. */
  public static final List<String> FILES = List.of(PROPERTIES, REGIONS, ACTORS, CUES);

  /** Name of the default taxonomy's source. */
  public static final String DEFAULT_SOURCE = "classpath:default";

  private static final String DEFAULT_DIRECTORY = "/io/newswatch/taxonomy/default/";

  private TaxonomyLoader() {}

  /** The taxonomy shipped with NewsWatch. */
  public static Taxonomy loadDefault() {
    return loadDefault(Clock.systemUTC());
  }

  /** The taxonomy shipped with NewsWatch, stamped with the time of {@code clock}. */
  public static Taxonomy loadDefault(Clock clock) {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : FILES) {
      try (InputStream in = TaxonomyLoader.class.getResourceAsStream(DEFAULT_DIRECTORY + name)) {
        if (in == null) {
          problems.add(name + ": missing from the classpath");
          continue;
        }
        files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the default taxonomy", e);
      }
    }
    if (!problems.isEmpty()) {
      throw new TaxonomyException(DEFAULT_SOURCE, problems);
    }
    return TaxonomyValidator.validate(DEFAULT_SOURCE, files, checksum(files), clock);
  }

  /**
   * The taxonomy in {@code directory}.
   *
   * @throws TaxonomyException when a file is missing or the data is invalid; nothing half-loaded
   */
  public static Taxonomy load(Path directory, Clock clock) {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : FILES) {
      Path file = directory.resolve(name);
      if (!Files.isRegularFile(file)) {
        problems.add(name + ": missing in " + directory);
        continue;
      }
      try {
        files.put(name, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add(name + ": cannot be read as UTF-8 (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new TaxonomyException(directory.toString(), problems);
    }
    return TaxonomyValidator.validate(directory.toString(), files, checksum(files), clock);
  }

  /**
   * The checksum a load of {@code directory} would report, without validating; for change checks.
   */
  public static String checksumOf(Path directory) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : FILES) {
      try {
        Path file = directory.resolve(name);
        files.put(name, Files.isRegularFile(file) ? Files.readString(file) : "");
      } catch (IOException e) {
        files.put(name, "unreadable");
      }
    }
    return checksum(files);
  }

  static String checksum(Map<String, String> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String name : FILES) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(files.getOrDefault(name, "").getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
