package io.newswatch.alert.subscription;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.security.CurrentUser;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The subscriptions API: officers manage their own, admins everyone's. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
public class SubscriptionResource {

  private final SubscriptionService subscriptions;
  private final SubscriptionPreview previews;
  private final CurrentUser caller;

  SubscriptionResource(
      SubscriptionService subscriptions, SubscriptionPreview previews, CurrentUser caller) {
    this.subscriptions = subscriptions;
    this.previews = previews;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") SubscriptionRequest request,
      UriInfo uri) {
    SubscriptionView created = subscriptions.create(request, caller);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  /**
   * Tries a query on the items received last ({@code items}, default 100) or on a posted {@code
   * text}: which would match, and where.
   */
  @POST
  @Path("/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public PreviewView preview(
      @Valid @NotNull(message = "a JSON body is required") PreviewRequest request) {
    return previews.preview(request);
  }

  @GET
  public Page<SubscriptionView> list(@Valid @BeanParam PageRequest paging) {
    return subscriptions.list(caller, paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public SubscriptionView get(@PathParam("id") UUID id) {
    return subscriptions.get(id, caller);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public SubscriptionView update(
      @PathParam("id") UUID id,
      @Valid @NotNull(message = "a JSON body is required") SubscriptionRequest request) {
    return subscriptions.update(id, request, caller);
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") UUID id) {
    subscriptions.delete(id, caller);
    return Response.noContent().build();
  }
}
