package io.newswatch.ingest.feed;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Feeds in PostgreSQL. */
@ApplicationScoped
public class FeedRepository implements PanacheRepository<Feed> {

  Optional<Feed> findByUrl(String url) {
    return find("url", url).firstResultOptional();
  }

  /** Ids of the feeds registered under any of {@code urls}, by URL. */
  Map<String, Long> idsByUrl(Collection<String> urls) {
    Map<String, Long> ids = new HashMap<>();
    List<String> all = List.copyOf(urls);
    for (int from = 0; from < all.size(); from += 1000) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      find("url in ?1", chunk).list().forEach(feed -> ids.put(feed.url, feed.id));
    }
    return ids;
  }

  /** Enabled feeds that failed on their last poll and wait longer than usual. */
  long countInBackoff() {
    return count("enabled = true and consecutiveFailures > 0");
  }

  long countDisabled() {
    return count("enabled = false");
  }
}
