package io.newswatch.classify.taxonomy;

import io.newswatch.classify.config.ClassifyConfig;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyException;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the classifier of the current taxonomy and swaps it, whole, on reload: a record being
 * classified keeps the classifier it started with, and an invalid new taxonomy never replaces a
 * valid one.
 */
@ApplicationScoped
public class TaxonomyService {

  private final Optional<Path> directory;
  private final Clock clock;
  private final AtomicReference<Classifier> current = new AtomicReference<>();
  private volatile String refusedChecksum;

  TaxonomyService(ClassifyConfig config, Clock clock) {
    this.directory = config.taxonomy().path();
    this.clock = clock;
    // Fail at start-up on an invalid override: an operator must see it at once.
    Classifier first = new Classifier(load());
    current.set(first);
    Log.infof("taxonomy %s loaded from %s", first.taxonomy().version(), source());
  }

  /** The classifier of the current taxonomy. */
  public Classifier classifier() {
    return current.get();
  }

  /** The current taxonomy. */
  public Taxonomy taxonomy() {
    return current.get().taxonomy();
  }

  /**
   * Loads the taxonomy again from its source and makes it current.
   *
   * @return the previous and the new taxonomy
   * @throws TaxonomyException when the new data is invalid; the current taxonomy stays
   */
  public synchronized Reload reload() {
    Taxonomy previous = taxonomy();
    Classifier next = new Classifier(load());
    current.set(next);
    refusedChecksum = null;
    Log.infof(
        "taxonomy reloaded from %s: %s (%s) -> %s (%s)",
        source(),
        previous.version(),
        previous.info().checksum(),
        next.taxonomy().version(),
        next.taxonomy().info().checksum());
    return new Reload(previous, next.taxonomy());
  }

  /**
   * Reloads when the files of the configured directory changed; logs an invalid change once and
   * keeps the current taxonomy.
   *
   * @return true when a new taxonomy was loaded
   */
  public synchronized boolean reloadIfChanged() {
    if (directory.isEmpty()) {
      return false;
    }
    String checksum = TaxonomyLoader.checksumOf(directory.get());
    if (checksum.equals(taxonomy().info().checksum()) || checksum.equals(refusedChecksum)) {
      return false;
    }
    try {
      reload();
      return true;
    } catch (TaxonomyException e) {
      refusedChecksum = checksum;
      Log.errorf(
          "taxonomy in %s changed but is invalid, keeping %s: %s",
          directory.get(), taxonomy().version(), String.join("; ", e.problems()));
      return false;
    }
  }

  /** Where the taxonomy is read from. */
  public String source() {
    return directory.map(Path::toString).orElse(TaxonomyLoader.DEFAULT_SOURCE);
  }

  private Taxonomy load() {
    return directory.isPresent()
        ? TaxonomyLoader.load(directory.get(), clock)
        : TaxonomyLoader.loadDefault(clock);
  }

  /** The outcome of a reload. */
  public record Reload(Taxonomy previous, Taxonomy current) {}
}
