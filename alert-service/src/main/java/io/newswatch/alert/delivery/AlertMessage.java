package io.newswatch.alert.delivery;

import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import java.time.Instant;
import java.util.List;

/**
 * What a webhook or an email says about one alert, fixed when the alert is stored (so every retry
 * sends the same body). Stored as the payload of its outbox rows.
 *
 * @param alertId the alert
 * @param subscriptionId the subscription that matched
 * @param subscriptionName its name at the time
 * @param owner user name of its owner
 * @param severity the item's severity
 * @param title the item's title
 * @param url link to the item, or null
 * @param source the feed's name
 * @param publishedAt when the source published it, or null
 * @param summary the start of the item's summary, at most {@link #SUMMARY_CHARS} characters
 * @param matches where the query matched (offsets into title, summary or text)
 * @param tags actors and regions of the item
 * @param createdAt when the alert was created
 */
public record AlertMessage(
    String alertId,
    String subscriptionId,
    String subscriptionName,
    String owner,
    Severity severity,
    String title,
    String url,
    String source,
    Instant publishedAt,
    String summary,
    List<MatchedTerm> matches,
    List<TagRef> tags,
    Instant createdAt) {

  /** Longest summary carried in a message. */
  public static final int SUMMARY_CHARS = 600;

  public AlertMessage {
    title = title == null ? "" : title;
    source = source == null ? "" : source;
    summary = summary == null ? "" : summary;
    matches = matches == null ? List.of() : List.copyOf(matches);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /**
   * A tag without its evidence.
   *
   * @param type actor or region
   * @param id taxonomy id
   * @param name canonical name
   * @param kind taxonomy kind
   * @param inferred true when implied rather than named
   */
  public record TagRef(TagType type, String id, String name, String kind, boolean inferred) {
    public static TagRef of(Tag tag) {
      return new TagRef(tag.type(), tag.id(), tag.name(), tag.kind(), tag.inferred());
    }
  }

  /** The start of a summary, cut at a word boundary. */
  public static String excerpt(String summary) {
    if (summary == null || summary.length() <= SUMMARY_CHARS) {
      return summary == null ? "" : summary;
    }
    int cut = summary.lastIndexOf(' ', SUMMARY_CHARS - 1);
    return summary.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS - 1) + "…";
  }

  /** The matches inside {@code field}, for highlighting. */
  public List<MatchedTerm> matchesIn(TextField field) {
    return matches.stream().filter(m -> m.field() == field).toList();
  }
}
