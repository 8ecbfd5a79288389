package io.newswatch.alert.alert;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.security.CurrentUser;
import io.newswatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The alerts API. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
public class AlertResource {

  private final AlertService alerts;
  private final CurrentUser caller;

  AlertResource(AlertService alerts, CurrentUser caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  /** The caller's alerts (everyone's for admins), newest first, optionally of one subscription. */
  @GET
  public Page<AlertView> list(
      @QueryParam("subscriptionId") UUID subscriptionId, @Valid @BeanParam PageRequest paging) {
    return alerts.list(caller, subscriptionId, paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public AlertView get(@PathParam("id") UUID id) {
    return alerts.get(id, caller);
  }
}
