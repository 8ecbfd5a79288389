package io.newswatch.alert.audit;

import io.newswatch.common.web.Page;
import io.newswatch.common.web.PageRequest;
import io.newswatch.security.Roles;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** The audit log, newest first, for admins; filter by entity type, entity id or actor. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

  private final AuditLog audit;

  AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AuditView> list(
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("actor") String actor,
      @Valid @BeanParam PageRequest paging) {
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (entityType != null) {
      conditions.add("entityType = :entityType");
      parameters.and("entityType", entityType);
    }
    if (entityId != null) {
      conditions.add("entityId = :entityId");
      parameters.and("entityId", entityId);
    }
    if (actor != null) {
      conditions.add("actor = :actor");
      parameters.and("actor", actor);
    }
    Sort newestFirst = Sort.descending("id");
    var query =
        conditions.isEmpty()
            ? audit.findAll(newestFirst)
            : audit.find(String.join(" and ", conditions), newestFirst, parameters);
    return new Page<>(
        query.page(paging.page(), paging.size()).list().stream().map(AuditView::of).toList(),
        query.count(),
        paging.page(),
        paging.size());
  }
}
