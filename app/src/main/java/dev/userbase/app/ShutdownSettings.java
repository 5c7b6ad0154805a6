package dev.userbase.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the stop on SIGTERM, under {@code userbase.shutdown}; each default is written here
 * only.
 *
 * @param drainDelay how long new requests get 503 (and every answer closes its connection) before
 *     the listeners close, so that clients and load balancers move on
 * @param gracePeriod how long the requests in flight then get to finish
 */
@ConfigurationProperties(ShutdownSettings.PREFIX)
record ShutdownSettings(
    @Bindable(defaultValue = "1s") Duration drainDelay,
    @Bindable(defaultValue = "10s") Duration gracePeriod) {

  static final String PREFIX = "userbase.shutdown";

  ShutdownSettings {
    if (drainDelay.isNegative()) {
      throw new IllegalArgumentException(
          PREFIX + ".drain-delay must be 0 or more, not " + drainDelay);
    }
    if (gracePeriod.isNegative() || gracePeriod.isZero()) {
      throw new IllegalArgumentException(
          PREFIX + ".grace-period must be positive, not " + gracePeriod);
    }
  }
}
