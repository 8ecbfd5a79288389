package io.newswatch.alert.subscription;

import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.time.Instant;
import java.util.List;

/**
 * What a query would have matched.
 *
 * @param query the query
 * @param searched how many items it was tried on
 * @param matches the items it matches, newest first, with what matched
 */
public record PreviewView(String query, int searched, List<Item> matches) {

  /**
   * One matching item.
   *
   * @param itemId the item, or null for a posted text
   * @param title its title
   * @param url its link
   * @param sourceName its feed
   * @param publishedAt when it was published
   * @param severity its severity
   * @param matches where the query matched
   * @param tags its actor and region tags
   */
  public record Item(
      String itemId,
      String title,
      String url,
      String sourceName,
      Instant publishedAt,
      Severity severity,
      List<MatchedTerm> matches,
      List<Tag> tags) {}
}
