package io.newswatch.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Request bodies that are not the JSON expected: 400 naming the field and what was expected,
 * without echoing the input or naming Java types.
 */
@Provider
public class JsonInputMapper implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return problemFor(exception).toResponse();
  }

  static Problem problemFor(JsonProcessingException exception) {
    if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      String message = messageFor(mapping);
      return Problem.of(
          400,
          "invalid " + field + ": " + message,
          List.of(new Problem.FieldError(field, message)));
    }
    var location = exception.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return Problem.of(400, "the request body is not valid JSON" + where, List.of());
  }

  private static String messageFor(JsonMappingException exception) {
    if (exception instanceof UnrecognizedPropertyException) {
      return "unknown field";
    }
    if (exception instanceof InvalidFormatException invalid) {
      return "expected " + describe(invalid.getTargetType());
    }
    if (exception instanceof MismatchedInputException mismatched
        && mismatched.getTargetType() != null) {
      return "expected " + describe(mismatched.getTargetType());
    }
    return "invalid value";
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + enumValues(type);
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.getName().startsWith("java.time.")) {
      return "an ISO-8601 date-time";
    }
    return "an object";
  }

  private static String enumValues(Class<?> type) {
    StringBuilder values = new StringBuilder();
    for (Object constant : type.getEnumConstants()) {
      values.append(values.isEmpty() ? "" : ", ").append(constant.toString().toLowerCase());
    }
    return values.toString();
  }

  private static String path(JsonMappingException exception) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : exception.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "request" : path.toString();
  }
}
