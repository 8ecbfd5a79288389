package io.newswatch.ingest.feed;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Feeds in PostgreSQL. */
@ApplicationScoped
public class FeedRepository implements PanacheRepository<Feed> {

  Optional<Feed> findByUrl(String url) {
    return find("url", url).firstResultOptional();
  }
}
