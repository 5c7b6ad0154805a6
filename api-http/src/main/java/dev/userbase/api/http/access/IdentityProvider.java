package dev.userbase.api.http.access;

import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Signed JWTs from an organisation's identity provider, through micronaut-security-jwt: the keys
 * come from {@code userbase.auth.jwks-url}, the scopes from the {@code scope} (or {@code scp})
 * claim, and the issuer and audience are checked when {@code userbase.auth.jwt-issuer} and
 * {@code userbase.auth.jwt-audience} are set. Nothing here parses or verifies a JWT itself.
 */
@Factory
final class IdentityProvider {

  @Singleton
  @Requires(property = AccessSettings.JWKS_URL)
  JwksSignatureConfiguration keys(AccessSettings settings) {
    String url = settings.jwksUrl();
    return new JwksSignatureConfiguration() {
      @Override
      public String getName() {
        return "identity-provider";
      }

      @Override
      public String getUrl() {
        return url;
      }

      @Override
      public KeyType getKeyType() {
        return null;
      }

      @Override
      @SuppressWarnings("removal")
      public Integer getCacheExpiration() {
        return 60;
      }
    };
  }

  @Singleton
  @Requires(property = AccessSettings.JWT_ISSUER)
  GenericJwtClaimsValidator<Object> issuer(AccessSettings settings) {
    String issuer = settings.jwtIssuer();
    // Exact: micronaut's own issuer check also accepts an issuer that merely ends the same way.
    return (claims, request) -> issuer.equals(claims.get("iss"));
  }

  @Singleton
  @Requires(property = AccessSettings.JWT_AUDIENCE)
  GenericJwtClaimsValidator<Object> audience(AccessSettings settings) {
    String audience = settings.jwtAudience();
    return (claims, request) ->
        JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims).getAudience().contains(audience);
  }

  /** Scopes, as a JWT carries them: a space-separated {@code scope}, or {@code scp}. */
  @Singleton
  @Replaces(DefaultRolesFinder.class)
  RolesFinder scopes() {
    return attributes -> attributes == null
        ? List.of()
        : scopeList(
            attributes.containsKey("scope") ? attributes.get("scope") : attributes.get("scp"));
  }

  static List<String> scopeList(Object claim) {
    if (claim instanceof String text) {
      return Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).toList();
    }
    if (claim instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
