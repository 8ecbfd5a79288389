package io.newswatch.alert.alert;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
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
public class AlertResource {

  private final AlertService alerts;

  AlertResource(AlertService alerts) {
    this.alerts = alerts;
  }

  /** Alerts, newest first, optionally of one subscription. */
  @GET
  public Page<AlertView> list(
      @QueryParam("subscriptionId") UUID subscriptionId, @Valid @BeanParam PageRequest paging) {
    return alerts.list(subscriptionId, paging.page(), paging.size());
  }

  @GET
  @Path("/{id}")
  public AlertView get(@PathParam("id") UUID id) {
    return alerts.get(id);
  }
}
