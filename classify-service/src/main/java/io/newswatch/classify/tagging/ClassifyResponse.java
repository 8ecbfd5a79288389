package io.newswatch.classify.tagging;

import io.newswatch.events.Evidence;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.util.List;

/**
 * What the classifier makes of a text: the same tags and severity a classified item would carry.
 *
 * @param tags actor and region tags with evidence; inferred ones (ancestors, affiliations) last
 * @param severity routine, priority or flash
 * @param severityEvidence the event cues the severity rests on
 * @param taxonomyVersion version of the taxonomy used
 */
public record ClassifyResponse(
    List<Tag> tags, Severity severity, List<Evidence> severityEvidence, String taxonomyVersion) {}
