package io.newswatch.classify.taxonomy;

import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A taxonomy directory for reload tests: a copy of the built-in taxonomy with a version of the
 * test's choosing. Its path depends only on the name and the JVM, so the test profile (which
 * Quarkus may load in another class loader) and the test find the same directory.
 */
final class TaxonomyDirectory {

  private TaxonomyDirectory() {}

  static Path of(String name) {
    Path directory =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("newswatch-taxonomy-" + name + "-" + ProcessHandle.current().pid());
    if (!Files.isDirectory(directory)) {
      reset(directory, "test.0");
      // Its name holds this JVM's pid: nobody else will use it once the JVM ends.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
    }
    return directory;
  }

  private static void delete(Path directory) {
    try (var files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // left in the temporary directory
    }
  }

  /** Writes the built-in taxonomy with {@code version} into the directory. */
  static void reset(Path directory, String version) {
    try {
      Files.createDirectories(directory);
      for (String file : TaxonomyLoader.FILES) {
        String content = builtIn(file);
        if (file.equals(TaxonomyLoader.PROPERTIES)) {
          content = "version=" + version + "\ndescription=test copy\n";
        }
        Files.writeString(directory.resolve(file), content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends {@code line} to one file and sets the version. */
  static void append(Path directory, String file, String line, String version) {
    try {
      Files.writeString(
          directory.resolve(file), Files.readString(directory.resolve(file)) + line + "\n");
      Files.writeString(directory.resolve(TaxonomyLoader.PROPERTIES), "version=" + version + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String builtIn(String file) throws IOException {
    try (InputStream in =
        TaxonomyLoader.class.getResourceAsStream("/io/newswatch/taxonomy/default/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
