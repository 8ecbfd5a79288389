package io.newswatch.classify.tagging;

import io.newswatch.classify.taxonomy.TaxonomyService;
import io.newswatch.common.web.ProblemException;
import io.newswatch.security.Roles;
import io.newswatch.taxonomy.classify.Classification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Lets admins see how a text would be tagged before they subscribe to it. */
@Path("/classify")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
public class ClassifyResource {

  private final TaxonomyService taxonomy;

  ClassifyResource(TaxonomyService taxonomy) {
    this.taxonomy = taxonomy;
  }

  @POST
  public ClassifyResponse classify(
      @Valid @NotNull(message = "a JSON body is required") ClassifyRequest request) {
    if (isBlank(request.title()) && isBlank(request.summary()) && isBlank(request.text())) {
      throw ProblemException.badField("text", "title, summary or text must hold some text");
    }
    Classification result =
        taxonomy.classifier().classify(request.title(), request.summary(), request.text());
    return new ClassifyResponse(
        result.tags(), result.severity(), result.severityEvidence(), result.taxonomyVersion());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
