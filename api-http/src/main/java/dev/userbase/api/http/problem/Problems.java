package dev.userbase.api.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem+json responses. */
public final class Problems {

  /**
   * The request attribute holding the request's id, which every problem quotes; the server's
   * request-id filter sets it first thing.
   */
  public static final String REQUEST_ID = "userbase.request-id";

  private Problems() {}

  /** The request's id, or null before the request-id filter ran. */
  public static String requestId(HttpRequest<?> request) {
    return request == null
        ? null
        : request.getAttribute(REQUEST_ID, String.class).orElse(null);
  }

  public static MutableHttpResponse<Problem> response(
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
            requestId(request)));
  }

  public static MutableHttpResponse<Problem> response(HttpStatus status, Problem problem) {
    return HttpResponse.<Problem>status(status).body(problem).contentType(Problem.CONTENT_TYPE);
  }

  /** A problem with no type of this API's own: the framework's errors (404, 405, 415, 500…). */
  public static Problem generic(HttpRequest<?> request, HttpStatus status, String detail) {
    return new Problem(
        "about:blank",
        status.getReason(),
        status.getCode(),
        detail,
        path(request),
        null,
        requestId(request));
  }

  public static String path(HttpRequest<?> request) {
    return request == null ? null : request.getPath();
  }

  /** What a status means here, for a problem with nothing more specific to say. */
  public static String defaultDetail(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "No resource at this path";
      case METHOD_NOT_ALLOWED -> "This path does not accept that method";
      case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json";
      case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
      case INTERNAL_SERVER_ERROR -> "The server failed to handle the request";
      case SERVICE_UNAVAILABLE -> "The service cannot handle the request now; try again later";
      default -> status.getReason();
    };
  }
}
