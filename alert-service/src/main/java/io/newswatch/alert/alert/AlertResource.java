package io.newswatch.alert.alert;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.security.CurrentUser;
import io.newswatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The alerts API: officers see and work their own alerts, admins everyone's. */
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

  /**
   * The caller's alerts (everyone's for admins), newest first; filtered by {@code status}, {@code
   * severity}, {@code subscriptionId}, {@code since} and {@code until}.
   */
  @GET
  public Page<AlertView> list(@BeanParam AlertFilter filter, @Valid @BeanParam PageRequest paging) {
    return alerts.list(caller, filter, paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public AlertView get(@PathParam("id") UUID id) {
    return alerts.get(id, caller);
  }

  /** Acknowledges a new alert: the caller has seen it and works on it. */
  @POST
  @Path("/{id}/ack")
  public AlertView acknowledge(@PathParam("id") UUID id) {
    return alerts.acknowledge(id, caller);
  }

  /** Resolves an alert: nothing more to do. */
  @POST
  @Path("/{id}/resolve")
  public AlertView resolve(@PathParam("id") UUID id) {
    return alerts.resolve(id, caller);
  }
}
