package io.newswatch.classify.taxonomy;

import io.newswatch.classify.taxonomy.TaxonomyViews.ActorView;
import io.newswatch.classify.taxonomy.TaxonomyViews.RegionView;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.common.web.Problem;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.TagType;
import io.newswatch.security.Roles;
import io.newswatch.taxonomy.ActorKind;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.RegionKind;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.load.TaxonomyException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Admin API of the taxonomy: what is loaded, its actors and regions, and reloading it. */
@Path("/taxonomy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
public class TaxonomyResource {

  private final TaxonomyService service;

  TaxonomyResource(TaxonomyService service) {
    this.service = service;
  }

  @GET
  public TaxonomyViews.Summary summary() {
    Taxonomy taxonomy = service.taxonomy();
    List<Entry> entries = taxonomy.entries();
    List<Alias> aliases = entries.stream().flatMap(e -> e.aliases().stream()).toList();
    Taxonomy.Info info = taxonomy.info();
    return new TaxonomyViews.Summary(
        info.version(),
        info.description(),
        info.checksum(),
        info.source(),
        info.loadedAt(),
        taxonomy.actors().size(),
        taxonomy.regions().size(),
        aliases.size(),
        (int)
            taxonomy.aliasesByKey().values().stream()
                .filter(refs -> refs.stream().map(r -> r.entry()).distinct().count() > 1)
                .count(),
        taxonomy.cues().size(),
        count(taxonomy.actors().stream().map(Entry::kindId).toList()),
        count(taxonomy.regions().stream().map(Entry::kindId).toList()),
        count(aliases.stream().map(a -> a.script().id()).toList()));
  }

  @GET
  @Path("/actors")
  public Page<ActorView> actors(
      @QueryParam("kind") String kind, @Valid @BeanParam PageRequest paging) {
    if (kind != null && ActorKind.fromId(kind).isEmpty()) {
      throw ProblemException.badField(
          "kind", "must be one of " + ids(ActorKind.values(), ActorKind::id));
    }
    List<ActorView> actors =
        service.taxonomy().actors().stream()
            .filter(a -> kind == null || a.kindId().equals(kind))
            .map(ActorView::of)
            .toList();
    return page(actors, paging);
  }

  @GET
  @Path("/actors/{id}")
  public ActorView actor(@PathParam("id") String id) {
    return service
        .taxonomy()
        .actor(id)
        .map(ActorView::of)
        .orElseThrow(() -> ProblemException.notFound("actor " + id));
  }

  @GET
  @Path("/regions")
  public Page<RegionView> regions(
      @QueryParam("kind") String kind,
      @QueryParam("within") String within,
      @Valid @BeanParam PageRequest paging) {
    if (kind != null && RegionKind.fromId(kind).isEmpty()) {
      throw ProblemException.badField(
          "kind", "must be one of " + ids(RegionKind.values(), RegionKind::id));
    }
    Taxonomy taxonomy = service.taxonomy();
    if (within != null && taxonomy.region(within).isEmpty()) {
      throw ProblemException.badField("within", "no region has the id '" + within + "'");
    }
    Set<String> inside = within == null ? null : taxonomy.descendants(TagType.REGION, within);
    List<RegionView> regions =
        taxonomy.regions().stream()
            .filter(r -> kind == null || r.kindId().equals(kind))
            .filter(r -> inside == null || inside.contains(r.id()))
            .map(RegionView::of)
            .toList();
    return page(regions, paging);
  }

  @GET
  @Path("/regions/{id}")
  public RegionView region(@PathParam("id") String id) {
    return service
        .taxonomy()
        .region(id)
        .map(RegionView::of)
        .orElseThrow(() -> ProblemException.notFound("region " + id));
  }

  /** Loads the taxonomy again from its source; 422 listing every problem when it is invalid. */
  @POST
  @Path("/reload")
  @RolesAllowed(Roles.ADMIN)
  public TaxonomyViews.ReloadView reload() {
    try {
      return TaxonomyViews.ReloadView.of(service.reload());
    } catch (TaxonomyException e) {
      List<Problem.FieldError> errors =
          e.problems().stream().map(p -> new Problem.FieldError(fileOf(p), p)).toList();
      throw new ProblemException(
          422,
          "the taxonomy in "
              + service.source()
              + " is invalid; still using "
              + service.taxonomy().version(),
          errors);
    }
  }

  private static String fileOf(String problem) {
    int colon = problem.indexOf(':');
    return colon > 0 ? problem.substring(0, colon) : "taxonomy";
  }

  private static <T> Page<T> page(List<T> all, PageRequest paging) {
    int from = (int) Math.min((long) paging.page() * paging.size(), all.size());
    int to = Math.min(from + paging.size(), all.size());
    return new Page<>(all.subList(from, to), all.size(), paging.page(), paging.size());
  }

  private static Map<String, Long> count(List<String> values) {
    return values.stream()
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  private static <E> String ids(E[] values, Function<E, String> id) {
    return Arrays.stream(values).map(id).collect(Collectors.joining(", "));
  }
}
