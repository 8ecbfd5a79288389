package io.newswatch.common.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Same as {@link JsonInputMapper}, registered for the more specific type that Quarkus REST maps
 * itself, so that ours wins.
 */
@Provider
public class MismatchedInputMapper implements ExceptionMapper<MismatchedInputException> {

  @Override
  public Response toResponse(MismatchedInputException exception) {
    return JsonInputMapper.problemFor(exception).toResponse();
  }
}
