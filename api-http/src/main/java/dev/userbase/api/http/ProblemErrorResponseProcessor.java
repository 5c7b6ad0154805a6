package dev.userbase.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Makes every error the framework answers (unknown route, wrong method, wrong content type,
 * oversized body, failure inside a handler) an RFC 9457 problem+json body. A server error says
 * nothing of its cause: that goes to the log, never to the client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> baseResponse) {
    HttpStatus status = baseResponse.getStatus();
    String detail;
    if (status.getCode() >= 500 || !context.hasErrors()) {
      detail = defaultDetail(status);
    } else {
      detail =
          context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }
    Problem problem = Problems.generic(context.getRequest(), status, detail);
    return baseResponse.body(problem).contentType(Problem.CONTENT_TYPE);
  }

  static String defaultDetail(HttpStatus status) {
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
