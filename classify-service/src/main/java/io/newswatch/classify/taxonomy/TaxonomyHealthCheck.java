package io.newswatch.classify.taxonomy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness shows which taxonomy this instance classifies with, to spot instances left behind. */
@Readiness
@ApplicationScoped
class TaxonomyHealthCheck implements HealthCheck {

  private final TaxonomyService taxonomy;

  TaxonomyHealthCheck(TaxonomyService taxonomy) {
    this.taxonomy = taxonomy;
  }

  @Override
  public HealthCheckResponse call() {
    var info = taxonomy.taxonomy().info();
    return HealthCheckResponse.named("taxonomy")
        .up()
        .withData("version", info.version())
        .withData("checksum", info.checksum())
        .withData("source", info.source())
        .build();
  }
}
