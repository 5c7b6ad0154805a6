package dev.userbase.api.http.access;

import dev.userbase.access.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Who may do what, on every route: the public pages are open; with tokens configured, every other
 * route needs a token that holds its scope; without, only loopback clients are served. This rule
 * decides every request, so no other rule ever does.
 */
@Singleton
final class AccessRule implements SecurityRule<HttpRequest<?>> {

  private static final Publisher<SecurityRuleResult> ALLOWED =
      Publishers.just(SecurityRuleResult.ALLOWED);
  private static final Publisher<SecurityRuleResult> REJECTED =
      Publishers.just(SecurityRuleResult.REJECTED);

  private final AccessMode mode;
  private final LocalClients local;

  AccessRule(AccessMode mode, LocalClients local) {
    this.mode = mode;
    this.local = local;
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }

  @Override
  public Publisher<SecurityRuleResult> check(
      @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
    if (request == null) {
      return REJECTED;
    }
    Scope needed = RequiredAccess.of(request);
    if (needed == null) {
      return ALLOWED;
    }
    if (!mode.tokensRequired()) {
      return local.isLocal(request) ? ALLOWED : REJECTED;
    }
    return authentication != null && authentication.getRoles().contains(needed.text())
        ? ALLOWED
        : REJECTED;
  }
}
