package io.newswatch.classify.taxonomy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks up a changed taxonomy directory without a restart. Every instance checks its own copy, so a
 * new taxonomy rolled out to all instances' directories is live everywhere within one interval.
 */
@ApplicationScoped
class TaxonomyReloadJob {

  private final TaxonomyService taxonomy;

  TaxonomyReloadJob(TaxonomyService taxonomy) {
    this.taxonomy = taxonomy;
  }

  @Scheduled(
      identity = "taxonomy-reload",
      every = "{newswatch.classify.taxonomy.reload-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void checkForChanges() {
    taxonomy.reloadIfChanged();
  }
}
