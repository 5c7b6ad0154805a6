package dev.userbase.api.http.problem;

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
      detail = Problems.defaultDetail(status);
    } else {
      detail =
          context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }
    Problem problem = Problems.generic(context.getRequest(), status, detail);
    return baseResponse.body(problem).contentType(Problem.CONTENT_TYPE);
  }
}
