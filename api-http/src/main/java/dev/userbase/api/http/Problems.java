package dev.userbase.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem+json responses. */
final class Problems {

  private Problems() {}

  static MutableHttpResponse<Problem> response(
      HttpRequest<?> request, ProblemType type, String detail, List<Problem.FieldError> errors) {
    return response(
        type.status(),
        new Problem(
            type.uri(),
            type.title(),
            type.status().getCode(),
            detail,
            path(request),
            errors,
            RequestIds.of(request)));
  }

  static MutableHttpResponse<Problem> response(HttpStatus status, Problem problem) {
    return HttpResponse.<Problem>status(status).body(problem).contentType(Problem.CONTENT_TYPE);
  }

  /** A problem with no type of this API's own: the framework's errors (404, 405, 415, 500…). */
  static Problem generic(HttpRequest<?> request, HttpStatus status, String detail) {
    return new Problem(
        "about:blank",
        status.getReason(),
        status.getCode(),
        detail,
        path(request),
        null,
        RequestIds.of(request));
  }

  static String path(HttpRequest<?> request) {
    return request == null ? null : request.getPath();
  }
}
