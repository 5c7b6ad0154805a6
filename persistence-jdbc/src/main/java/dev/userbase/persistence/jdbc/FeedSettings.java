package dev.userbase.persistence.jdbc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The change feed ({@code userbase.events}).
 *
 * @param enabled whether each change writes its event ({@code USERBASE_EVENTS_ENABLED}); off, the
 *     feed stays as it was and {@code /events} answers 404
 * @param retention how long events are kept ({@code USERBASE_EVENTS_RETENTION}); a reader behind
 *     it gets 410 and resynchronises
 */
@ConfigurationProperties("userbase.events")
public record FeedSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "7d") Duration retention) {

  public FeedSettings {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "userbase.events.retention (USERBASE_EVENTS_RETENTION) must be more than 0, not "
              + retention);
    }
  }
}
