package io.newswatch.alert.subscription;

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
import java.util.UUID;

/** The subscriptions API. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

  private final SubscriptionService subscriptions;

  SubscriptionResource(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") SubscriptionRequest request,
      UriInfo uri) {
    SubscriptionView created = subscriptions.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  public Page<SubscriptionView> list(@Valid @BeanParam PageRequest paging) {
    return subscriptions.list(paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public SubscriptionView get(@PathParam("id") UUID id) {
    return subscriptions.get(id);
  }
}
