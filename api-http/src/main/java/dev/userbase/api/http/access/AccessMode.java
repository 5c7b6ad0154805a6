package dev.userbase.api.http.access;

import dev.userbase.access.TokensFile;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether tokens are configured. With neither a tokens file nor a JWKS URL, the service is secure
 * by default: it serves anonymous requests from loopback clients only, and says so once at start.
 */
@Context
public final class AccessMode {

  private static final Logger LOG = LoggerFactory.getLogger(AccessMode.class);

  private final boolean tokens;

  AccessMode(
      @Nullable @Value("${" + TokensFile.SETTING + ":}") String tokensFile,
      @Nullable @Value("${" + IdentityProvider.JWKS_URL + ":}") String jwksUrl) {
    this.tokens = !isBlank(tokensFile) || !isBlank(jwksUrl);
    if (!tokens) {
      LOG.warn("No tokens configured (userbase.auth.tokens-file, userbase.auth.jwks-url): serving"
          + " anonymous requests from loopback clients only; every other client gets 401");
    }
  }

  /** Whether every protected route needs a token; otherwise loopback clients need none. */
  public boolean tokensRequired() {
    return tokens;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
