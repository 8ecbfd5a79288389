package io.newswatch.common.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Any other failure: 500 with an error id that points at the server log entry; the cause stays in
 * the log, never in the response.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

  @Override
  public Response toResponse(Exception exception) {
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(exception, "unexpected error %s", errorId);
    Problem problem =
        new Problem(
            "about:blank",
            "Internal Server Error",
            500,
            "unexpected error; the server log has the details under error id " + errorId,
            null,
            errorId);
    return problem.toResponse();
  }
}
