package io.newswatch.events;

import static io.newswatch.events.Checks.require;
import static io.newswatch.events.Checks.requireText;

import java.util.List;

/**
 * One actor or region an item is about, with the evidence for it.
 *
 * @param type actor or region
 * @param id stable taxonomy id, e.g. {@code iskp} or {@code af-badakhshan}
 * @param name canonical name, e.g. {@code Islamic State Khorasan Province}
 * @param kind taxonomy kind, e.g. {@code armed-group} or {@code province}
 * @param confidence 0 to 1
 * @param inferred true when not named in the text but implied (a province inferred from its city)
 * @param evidence where the item names it; for an inferred tag, the evidence it was inferred from
 */
public record Tag(
    TagType type,
    String id,
    String name,
    String kind,
    double confidence,
    boolean inferred,
    List<Evidence> evidence) {

  public Tag {
    require(type, "type");
    requireText(id, "id");
    requireText(name, "name");
    kind = Checks.orEmpty(kind);
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within [0, 1], was " + confidence);
    }
    evidence = Checks.copy(evidence);
  }
}
