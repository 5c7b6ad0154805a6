package dev.userbase.api.http.problem;

import java.util.List;

/** Ends a request with a problem+json answer; thrown where a request is found to be wrong. */
public final class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final List<Problem.FieldError> errors;

  public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.type = type;
    this.errors = errors == null ? null : List.copyOf(errors);
  }

  /** A request whose fields broke the rules, each named in {@code errors}. */
  public static ProblemException invalid(List<Problem.FieldError> errors) {
    String detail = errors.size() == 1
        ? "'" + errors.get(0).field() + "' " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
  }

  public static ProblemException invalid(String field, String message) {
    return invalid(List.of(new Problem.FieldError(field, message)));
  }

  public ProblemType type() {
    return type;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
