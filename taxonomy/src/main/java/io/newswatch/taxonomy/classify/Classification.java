package io.newswatch.taxonomy.classify;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.util.List;

/**
 * What the classifier found in one item.
 *
 * @param tags actor and region tags with their evidence; named ones first, then inferred ones
 * @param severity how urgent the item looks
 * @param severityEvidence the event cues the severity rests on
 * @param taxonomyVersion version of the taxonomy the tags come from
 */
public record Classification(
    List<Tag> tags, Severity severity, List<Evidence> severityEvidence, String taxonomyVersion) {

  public Classification {
    tags = List.copyOf(tags);
    severityEvidence = List.copyOf(severityEvidence);
  }
}
