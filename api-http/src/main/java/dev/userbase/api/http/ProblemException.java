package dev.userbase.api.http;

import java.util.List;

/** Ends a request with a problem+json answer; thrown where a request is found to be wrong. */
final class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final List<Problem.FieldError> errors;

  ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.type = type;
    this.errors = errors == null ? null : List.copyOf(errors);
  }

  /** A request whose fields broke the rules, each named in {@code errors}. */
  static ProblemException invalid(List<Problem.FieldError> errors) {
    String detail = errors.size() == 1
        ? "'" + errors.get(0).field() + "' " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
  }

  static ProblemException invalid(String field, String message) {
    return invalid(List.of(new Problem.FieldError(field, message)));
  }

  ProblemType type() {
    return type;
  }

  List<Problem.FieldError> errors() {
    return errors;
  }
}
