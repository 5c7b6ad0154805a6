package dev.userbase.api.http.access;

import dev.userbase.access.Scope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Accepts a bearer token whose SHA-256 is in the tokens file; its name is the principal. */
@Singleton
@Requires(bean = AccessTokens.class)
final class TokensFileValidator implements TokenValidator<HttpRequest<?>> {

  private final AccessTokens tokens;

  TokensFileValidator(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public int getOrder() {
    // Before the JWT validator: a token of the file is found without trying to parse it.
    return HIGHEST_PRECEDENCE;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    return tokens
        .find(token)
        .map(entry -> Publishers.just(Authentication.build(
            entry.name(),
            entry.scopes().stream().map(Scope::text).toList(),
            Map.of("source", "tokens-file"))))
        .orElseGet(Publishers::empty);
  }
}
