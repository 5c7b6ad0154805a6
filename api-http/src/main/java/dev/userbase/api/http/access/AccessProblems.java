package dev.userbase.api.http.access;

import dev.userbase.access.Scope;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Refusals as problem+json with an RFC 6750 challenge: 401 when the caller is not known (with
 * {@code error="invalid_token"} when it gave a token that is unknown, revoked or expired), 403
 * naming the scope the route needs. Neither ever repeats the token.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AccessProblems
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

  static final String REALM = "Bearer realm=\"userbase\"";

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    Scope needed = RequiredAccess.of(request);
    String scope = needed == null ? "" : needed.text();
    if (exception.isForbidden()) {
      return Problems.response(
              request,
              ProblemType.MISSING_SCOPE,
              "This call needs a token with the scope '" + scope + "'",
              null)
          .header(
              HttpHeaders.WWW_AUTHENTICATE,
              REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }
    boolean tokenGiven = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
    String detail = tokenGiven
        ? "The token is unknown, revoked or expired, or not a bearer token"
        : "This call needs a token: send Authorization: Bearer <token>";
    return Problems.response(request, ProblemType.UNAUTHORIZED, detail, null)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? REALM + ", error=\"invalid_token\"" : REALM);
  }
}
