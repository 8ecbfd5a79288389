package io.newswatch.alert.subscription;

import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.matching.MatchingTaxonomy;
import io.newswatch.alert.matching.ResolvedQuery;
import io.newswatch.alert.matching.SubscriptionIndex;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.alert.story.StoryRepository;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.RawItem;
import io.newswatch.events.Severity;
import io.newswatch.taxonomy.classify.Classification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries a query before subscribing: on the items received last, or on a posted text that is tagged
 * with the same taxonomy classify-service uses, with the same matcher the subscriptions use.
 */
@ApplicationScoped
public class SubscriptionPreview {

  private final MatchingTaxonomy taxonomy;
  private final StoryRepository stories;
  private final AlertConfig config;
  private final Clock clock;

  SubscriptionPreview(
      MatchingTaxonomy taxonomy, StoryRepository stories, AlertConfig config, Clock clock) {
    this.taxonomy = taxonomy;
    this.stories = stories;
    this.config = config;
    this.clock = clock;
  }

  /** The preview; 400 with the position when the query does not parse. */
  public PreviewView preview(PreviewRequest request) {
    ResolvedQuery query;
    try {
      query = taxonomy.resolver().resolve(request.query());
    } catch (QuerySyntaxException e) {
      throw SubscriptionService.queryProblem(e);
    }
    SubscriptionIndex<Integer> index = new SubscriptionIndex<>(taxonomy.resolver());
    index.put(0, query, Severity.ROUTINE);
    List<ClassifiedItem> items;
    boolean posted = request.text() != null;
    if (posted) {
      items = List.of(classified(request.text()));
    } else {
      int limit = request.items() == null ? config.previewItems() : request.items();
      items = stories.recent(limit);
    }
    List<PreviewView.Item> matches = new ArrayList<>();
    for (ClassifiedItem item : items) {
      for (SubscriptionIndex.Match<Integer> match : index.match(item)) {
        RawItem raw = item.item();
        matches.add(
            new PreviewView.Item(
                posted ? null : item.id(),
                raw.title(),
                raw.url(),
                raw.sourceName(),
                raw.publishedAt(),
                item.severity(),
                match.terms(),
                item.tags()));
      }
    }
    return new PreviewView(request.query(), items.size(), matches);
  }

  private ClassifiedItem classified(PreviewRequest.PreviewText text) {
    Instant now = Instant.now(clock);
    RawItem raw =
        RawItem.of(
            "preview",
            "preview",
            "preview:",
            "",
            null,
            orEmpty(text.title()),
            orEmpty(text.summary()),
            orEmpty(text.text()),
            null,
            null,
            now,
            List.of());
    Classification classification = taxonomy.classifier().classify(raw);
    return ClassifiedItem.of(
        raw,
        classification.tags(),
        classification.severity(),
        classification.severityEvidence(),
        classification.taxonomyVersion(),
        now);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
