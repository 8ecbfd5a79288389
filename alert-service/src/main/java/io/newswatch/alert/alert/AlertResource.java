package io.newswatch.alert.alert;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.common.web.ProblemException;
import io.newswatch.security.CurrentUser;
import io.newswatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;

/** The alerts API: officers see and work their own alerts, admins everyone's. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
public class AlertResource {

  private final AlertService alerts;
  private final AlertStreams streams;
  private final CurrentUser caller;

  AlertResource(AlertService alerts, AlertStreams streams, CurrentUser caller) {
    this.alerts = alerts;
    this.streams = streams;
    this.caller = caller;
  }

  /**
   * The caller's alerts as they are stored, as Server-Sent Events: event {@code alert}, its id the
   * alert's position in the stream, its data the alert as {@code GET /alerts} shows it. A client
   * that reconnects with {@code Last-Event-ID} gets every alert it missed first. Comments keep the
   * connection alive.
   */
  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @Context SseEventSink sink,
      @Context Sse sse,
      @HeaderParam("Last-Event-ID") String lastEventId) {
    Long from = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        from = Long.parseLong(lastEventId.strip());
      } catch (NumberFormatException e) {
        from = -1L;
      }
      if (from < 0) {
        throw ProblemException.badField(
            "Last-Event-ID", "must be the id of an event this stream sent (a number)");
      }
    }
    streams.open(UUID.fromString(caller.id()), sink, sse, from);
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
