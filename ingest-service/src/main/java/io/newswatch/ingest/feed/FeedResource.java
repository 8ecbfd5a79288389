package io.newswatch.ingest.feed;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.common.web.ProblemException;
import io.newswatch.ingest.opml.Opml;
import io.newswatch.ingest.opml.OpmlException;
import io.newswatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The feeds API for admins: register, change, pause, resume and delete feeds, read their status,
 * poll one now, import and export OPML. Every endpoint is an admin's.
 */
@Path("/feeds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class FeedResource {

  /** The media type of OPML files. */
  public static final String OPML = "text/x-opml";

  private final FeedService feeds;
  private final FeedPoller poller;

  FeedResource(FeedService feeds, FeedPoller poller) {
    this.feeds = feeds;
    this.poller = poller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") FeedRequest request, UriInfo uri) {
    FeedView feed = feeds.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(feed.id())).build())
        .entity(feed)
        .build();
  }

  @GET
  public Page<FeedView> list(@Valid @BeanParam PageRequest paging) {
    return feeds.list(paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public FeedView get(@PathParam("id") long id) {
    return feeds.get(id);
  }

  /** Replaces URL, name and interval; a new URL is polled afresh. */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public FeedView update(
      @PathParam("id") long id,
      @Valid @NotNull(message = "a JSON body is required") FeedRequest request) {
    return feeds.update(id, request);
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") long id) {
    feeds.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/pause")
  public FeedView pause(@PathParam("id") long id) {
    return feeds.pause(id);
  }

  @POST
  @Path("/{id}/resume")
  public FeedView resume(@PathParam("id") long id) {
    return feeds.resume(id);
  }

  /** Polls the feed now and reports what the poll did. */
  @POST
  @Path("/{id}/refresh")
  public PollReport refresh(@PathParam("id") long id) {
    return poller.refresh(id);
  }

  /**
   * Registers the feeds of an OPML file (what feed readers export), reporting per outline what was
   * added, skipped as a duplicate, or rejected and why.
   */
  @POST
  @Path("/import")
  @Consumes({OPML, MediaType.APPLICATION_XML, MediaType.TEXT_XML})
  public ImportReport importOpml(
      byte[] document, @QueryParam("pollIntervalSeconds") Integer pollIntervalSeconds) {
    if (document == null || document.length == 0) {
      throw ProblemException.badField("body", "an OPML document is required");
    }
    try {
      return feeds.importOutlines(Opml.read(document), pollIntervalSeconds);
    } catch (OpmlException e) {
      throw ProblemException.badField("body", e.getMessage());
    }
  }

  /** Every feed as an OPML file, for a feed reader or another NewsWatch. */
  @GET
  @Path("/export")
  @Produces(OPML)
  public Response exportOpml() {
    return Response.ok(Opml.write("NewsWatch feeds", feeds.outlines()))
        .header("Content-Disposition", "attachment; filename=\"newswatch-feeds.opml\"")
        .build();
  }
}
