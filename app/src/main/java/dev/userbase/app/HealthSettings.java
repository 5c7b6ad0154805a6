package dev.userbase.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the health checks, under {@code userbase.health}; each default is written here only.
 *
 * @param deadlockScanInterval how often liveness looks for deadlocked threads
 */
@ConfigurationProperties(HealthSettings.PREFIX)
record HealthSettings(@Bindable(defaultValue = "10s") Duration deadlockScanInterval) {

  static final String PREFIX = "userbase.health";

  HealthSettings {
    if (deadlockScanInterval.isNegative() || deadlockScanInterval.isZero()) {
      throw new IllegalArgumentException(
          PREFIX + ".deadlock-scan-interval must be positive, not " + deadlockScanInterval);
    }
  }
}
