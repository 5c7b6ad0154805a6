package dev.userbase.api.http.common;

import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.domain.Precondition;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The If-Match a change carries, for every resource: read strictly, and, with {@code
 * userbase.http.require-if-match} on, required (428 when absent).
 */
@Singleton
public final class Preconditions {

  private final boolean required;

  Preconditions(HttpSettings settings) {
    this.required = settings.requireIfMatch();
  }

  /** The request's If-Match as the domain's precondition; with require-if-match on, never absent. */
  public Precondition of(HttpRequest<?> request) {
    Precondition condition = ETags.ifMatch(request.getHeaders().getAll(HttpHeaders.IF_MATCH));
    if (required && !condition.isGiven()) {
      throw new ProblemException(
          ProblemType.PRECONDITION_REQUIRED,
          "This server requires If-Match on every change: send the ETag of the version you read"
              + " (or * for any version); nothing was changed",
          null);
    }
    return condition;
  }
}
