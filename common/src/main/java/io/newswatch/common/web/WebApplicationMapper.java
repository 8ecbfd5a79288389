package io.newswatch.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Errors with an HTTP status (404, 405, 409, ...) as problem details. */
@Provider
public class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    if (exception instanceof ProblemException problem) {
      return problem.problem().toResponse();
    }
    if (exception.getCause() instanceof JsonProcessingException json) {
      // Quarkus REST wraps body parsing failures in a plain 400; say what was wrong with the body.
      return JsonInputMapper.problemFor(json).toResponse();
    }
    Response original = exception.getResponse();
    int status = original.getStatus();
    String detail =
        exception.getMessage() == null || exception.getMessage().startsWith("HTTP ")
            ? Problem.reason(status)
            : exception.getMessage();
    Response.ResponseBuilder response =
        Response.fromResponse(original)
            .type(Problem.MEDIA_TYPE)
            .entity(Problem.of(status, detail, List.of()));
    return response.build();
  }
}
