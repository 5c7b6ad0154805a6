package dev.userbase.api.http.access;

import io.micronaut.context.annotation.Context;
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

  AccessMode(AccessSettings settings) {
    this.tokens = settings.tokensConfigured();
    if (!tokens) {
      LOG.warn("No tokens configured (userbase.auth.tokens-file, userbase.auth.jwks-url): serving"
          + " anonymous requests from loopback clients only; every other client gets 401");
    }
  }

  /** Whether every protected route needs a token; otherwise loopback clients need none. */
  public boolean tokensRequired() {
    return tokens;
  }
}
