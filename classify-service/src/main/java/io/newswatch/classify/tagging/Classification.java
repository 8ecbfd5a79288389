package io.newswatch.classify.tagging;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.util.List;

/**
 * What the tagger found in one item.
 *
 * @param tags actor and region tags with their evidence
 * @param severity how urgent the item looks
 * @param severityEvidence the event cues the severity rests on
 */
public record Classification(List<Tag> tags, Severity severity, List<Evidence> severityEvidence) {

  public Classification {
    tags = List.copyOf(tags);
    severityEvidence = List.copyOf(severityEvidence);
  }
}
