package io.newswatch.alert.alert;

import io.newswatch.common.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
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
      @QueryParam("subscriptionId") UUID subscriptionId,
      @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more")
          int page,
      @QueryParam("size")
          @DefaultValue("50")
          @Min(value = 1, message = "must be 1 or more")
          @Max(value = Page.MAX_SIZE, message = "must be at most " + Page.MAX_SIZE)
          int size) {
    return alerts.list(subscriptionId, page, size);
  }

  @GET
  @Path("/{id}")
  public AlertView get(@PathParam("id") UUID id) {
    return alerts.get(id);
  }
}
