package dev.userbase.api.http.access;

import dev.userbase.access.TokensFile;
import dev.userbase.api.http.common.Settings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of access control, under {@code userbase.auth}; each default is written here only. With
 * neither a tokens file nor a JWKS URL, only loopback clients are served, without a token.
 *
 * @param tokensFile the tokens file that {@code userbase token} writes; read again when it changes
 * @param tokensFilePoll how often the tokens file is checked for changes
 * @param jwksUrl where an identity provider publishes the keys its JWTs are signed with
 * @param jwtIssuer when set, a JWT's {@code iss} must be exactly this
 * @param jwtAudience when set, a JWT's {@code aud} must hold this
 */
@ConfigurationProperties(AccessSettings.PREFIX)
public record AccessSettings(
    @Nullable String tokensFile,
    @Bindable(defaultValue = "1s") Duration tokensFilePoll,
    @Nullable String jwksUrl,
    @Nullable String jwtIssuer,
    @Nullable String jwtAudience) {

  public static final String PREFIX = "userbase.auth";
  public static final String TOKENS_FILE = TokensFile.SETTING;
  public static final String JWKS_URL = PREFIX + ".jwks-url";
  public static final String JWT_ISSUER = PREFIX + ".jwt-issuer";
  public static final String JWT_AUDIENCE = PREFIX + ".jwt-audience";

  public AccessSettings {
    Settings.positive(PREFIX + ".tokens-file-poll", tokensFilePoll);
  }

  /** Whether tokens are configured at all: a tokens file or an identity provider. */
  public boolean tokensConfigured() {
    return !isBlank(tokensFile) || !isBlank(jwksUrl);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
