package io.newswatch.alert.user;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The users API, for admins; {@code /users/me} for everyone signed in. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserResource {

  private final UserService users;
  private final CurrentUser caller;

  UserResource(UserService users, CurrentUser caller) {
    this.users = users;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @Valid @NotNull(message = "a JSON body is required") UserRequest request, UriInfo uri) {
    UserView created = users.create(request, caller.username());
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  public Page<UserView> list(@Valid @BeanParam PageRequest paging) {
    return users.list(paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public UserView get(@PathParam("id") UUID id) {
    return users.get(id);
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") UUID id) {
    users.delete(id, caller);
    return Response.noContent().build();
  }

  /** The caller; other services check credentials with it. */
  @GET
  @Path("/me")
  @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
  public UserView me() {
    return users.get(UUID.fromString(caller.id()));
  }
}
