package io.newswatch.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error response body as RFC 9457 problem details ({@code application/problem+json}): what went
 * wrong, for which fields, never a stack trace, class name or the caller's rejected value.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title short summary of the kind of problem, e.g. {@code Bad Request}
 * @param status the HTTP status
 * @param detail what went wrong in this case
 * @param errors one entry per invalid field, for validation problems
 * @param errorId id of the server log entry, for unexpected errors
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors, String errorId) {

  /** The media type of problem responses. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * One invalid field.
   *
   * @param field path of the field in the request, e.g. {@code url} or {@code channels[0].url}; for
   *     query parameters the parameter name
   * @param message why it is invalid and, where it helps, what is expected
   */
  public record FieldError(String field, String message) {}

  /** A problem with status and detail only. */
  public static Problem of(Response.Status status, String detail) {
    return of(status.getStatusCode(), detail, List.of());
  }

  /** A problem with field errors. */
  public static Problem of(int status, String detail, List<FieldError> errors) {
    return new Problem("about:blank", reason(status), status, detail, errors, null);
  }

  /** The problem as a JAX-RS response with the problem media type. */
  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }

  static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }
}
