package io.newswatch.ingest.feed;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The feeds API: register feeds, read their status, poll one now. */
@Path("/feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

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

  /** Polls the feed now and reports what the poll did. */
  @POST
  @Path("/{id}/refresh")
  public PollReport refresh(@PathParam("id") long id) {
    return poller.poll(id);
  }
}
