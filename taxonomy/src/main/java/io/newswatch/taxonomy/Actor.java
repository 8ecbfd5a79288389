package io.newswatch.taxonomy;

import io.newswatch.events.TagType;
import java.util.List;

/**
 * An armed group, state, state agency, international organisation or person.
 *
 * @param id stable id, e.g. {@code iskp}
 * @param kind what kind of actor
 * @param parents ids of the organisations it is part of (Quds Force: irgc)
 * @param affiliations ids of the organisations a person belongs to (Sirajuddin Haqqani:
 *     haqqani-network, taliban)
 * @param name canonical name
 * @param aliases every name and acronym it is known by
 */
public record Actor(
    String id,
    ActorKind kind,
    List<String> parents,
    List<String> affiliations,
    String name,
    List<Alias> aliases)
    implements Entry {

  public Actor {
    parents = List.copyOf(parents);
    affiliations = List.copyOf(affiliations);
    aliases = List.copyOf(aliases);
  }

  @Override
  public TagType type() {
    return TagType.ACTOR;
  }

  @Override
  public String kindId() {
    return kind.id();
  }
}
