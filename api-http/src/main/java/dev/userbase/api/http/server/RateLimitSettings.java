package dev.userbase.api.http.server;

import dev.userbase.api.http.common.Settings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Settings of the rate limit, under {@code userbase.rate-limit}: off unless {@code
 * requests-per-second} is set.
 *
 * @param requestsPerSecond how fast each client's bucket refills
 * @param burst how many requests a client may send at once; {@code requests-per-second} when unset
 */
@ConfigurationProperties(RateLimitSettings.PREFIX)
record RateLimitSettings(
    @Nullable Long requestsPerSecond, @Nullable Long burst) {

  static final String PREFIX = "userbase.rate-limit";
  static final String RATE = PREFIX + ".requests-per-second";

  RateLimitSettings {
    if (requestsPerSecond != null) {
      Settings.atLeast(RATE, requestsPerSecond, 1);
    }
    if (burst != null) {
      Settings.atLeast(PREFIX + ".burst", burst, 1);
    }
  }
}
