package io.newswatch.common.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures on request bodies and parameters: 400 naming each field and why. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<Problem.FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .distinct()
            .toList();
    String detail =
        errors.size() == 1
            ? "invalid " + errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " invalid fields";
    return Problem.of(400, detail, errors).toResponse();
  }

  /**
   * The field as the caller knows it: {@code create.request.channels[0].url} becomes {@code
   * channels[0].url}; a query or path parameter keeps its parameter name.
   */
  static String fieldOf(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      // A node inside a list carries the index of its container, which the caller writes first.
      if (node.isInIterable() && node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      } else if (node.isInIterable() && node.getKey() != null) {
        field.append('[').append(node.getKey()).append(']');
      }
      if ((node.getKind() == ElementKind.PROPERTY
              || node.getKind() == ElementKind.CONTAINER_ELEMENT)
          && node.getName() != null
          && !node.getName().startsWith("<")) {
        field.append(field.isEmpty() ? "" : ".").append(node.getName());
      }
    }
    if (field.isEmpty()) {
      return parameter != null ? parameter : "request";
    }
    return field.toString();
  }
}
