package io.newswatch.common.web;

import jakarta.ws.rs.WebApplicationException;
import java.util.List;

/**
 * Thrown by resources and services to answer with a problem: a conflict, a missing object, a field
 * that is well-formed but refused (a feed URL pointing into the private network, say).
 */
public class ProblemException extends WebApplicationException {

  private final transient Problem problem;

  public ProblemException(int status, String detail) {
    this(Problem.of(status, detail, List.of()));
  }

  public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
    this(Problem.of(status, detail, errors));
  }

  private ProblemException(Problem problem) {
    super(problem.detail(), problem.toResponse());
    this.problem = problem;
  }

  /** 400 for one refused field. */
  public static ProblemException badField(String field, String message) {
    return new ProblemException(
        400, "invalid " + field + ": " + message, List.of(new Problem.FieldError(field, message)));
  }

  /** 404 for an object the caller may not see or that does not exist (the two look the same). */
  public static ProblemException notFound(String what) {
    return new ProblemException(404, what + " not found");
  }

  public Problem problem() {
    return problem;
  }
}
