package io.newswatch.alert.matching;

import io.newswatch.alert.AlertConfig;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The taxonomy queries are resolved with (aliases, region hierarchy, affiliations), the same one
 * classify-service tags with: the built-in one, or the directory of {@code
 * NEWSWATCH_ALERT_TAXONOMY_PATH} (by default {@code NEWSWATCH_CLASSIFY_TAXONOMY_PATH}). Loaded at
 * start-up; an invalid directory stops the service, as in classify-service.
 */
@ApplicationScoped
public class MatchingTaxonomy {

  private final Taxonomy taxonomy;
  private final QueryResolver resolver;
  private final Classifier classifier;

  MatchingTaxonomy(AlertConfig config, Clock clock) {
    this.taxonomy =
        config
            .taxonomyPath()
            .map(path -> TaxonomyLoader.load(path, clock))
            .orElseGet(() -> TaxonomyLoader.loadDefault(clock));
    this.resolver = new QueryResolver(taxonomy);
    this.classifier = new Classifier(taxonomy);
    Log.infof(
        "taxonomy %s (%s) loaded from %s for queries",
        taxonomy.version(), taxonomy.info().checksum(), taxonomy.info().source());
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** Parses and resolves queries. */
  public QueryResolver resolver() {
    return resolver;
  }

  /** Tags posted texts in previews, as classify-service would. */
  public Classifier classifier() {
    return classifier;
  }
}
