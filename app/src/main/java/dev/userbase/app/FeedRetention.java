package dev.userbase.app;

import dev.userbase.domain.ChangeFeed;
import dev.userbase.persistence.jdbc.FeedSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's retention: every minute the events older than {@code userbase.events.retention} go,
 * oldest first, a bounded number per transaction so writers never wait behind it. Its ends are in
 * {@code /health}'s details ({@code feed}) and in the metrics ({@code userbase.events.oldest},
 * {@code userbase.events.last}); a reader whose position is older than the oldest gets 410.
 */
@Context
@Requires(property = "userbase.events.enabled", notEquals = "false")
final class FeedRetention implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(FeedRetention.class);
  private static final int PER_TRANSACTION = 5000;
  static final Duration EVERY = Duration.ofMinutes(1);

  private final ChangeFeed feed;
  private final Duration retention;
  private final Clock clock;
  private final ExecutorService blocking;
  private volatile ChangeFeed.Bounds seen = new ChangeFeed.Bounds(0, 0);

  FeedRetention(
      ChangeFeed feed,
      FeedSettings settings,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      @Nullable MeterRegistry meters) {
    this.feed = feed;
    this.retention = settings.retention();
    this.clock = Clock.systemUTC();
    this.blocking = blocking;
    if (meters != null) {
      Gauge.builder("userbase.events.oldest", this, r -> r.seen.pruned() + 1)
          .description("The oldest position the change feed still serves")
          .register(meters);
      Gauge.builder("userbase.events.last", this, r -> r.seen.last())
          .description("The change feed's last position")
          .register(meters);
    }
    scheduler.scheduleAtFixedRate(Duration.ofSeconds(5), EVERY, this::prune);
  }

  /** Deletes what is past the retention; returns how many events went. */
  long prune() {
    long pruned = 0;
    try {
      long batch;
      do {
        batch = feed.prune(clock.instant().minus(retention), PER_TRANSACTION);
        pruned += batch;
      } while (batch == PER_TRANSACTION);
      seen = feed.bounds();
      if (pruned > 0) {
        LOG.info(
            "Feed retention ({}) deleted {} events; the oldest kept is {}",
            retention,
            pruned,
            seen.pruned() + 1);
      }
    } catch (RuntimeException e) {
      LOG.warn("Feed retention could not prune now: {}", e.getMessage());
    }
    return pruned;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return new AsyncSingleResultPublisher<>(blocking, this::check);
  }

  private HealthResult check() {
    Map<String, Object> details = new LinkedHashMap<>();
    try {
      seen = feed.bounds();
      details.put("oldestPosition", seen.pruned() + 1);
      details.put("lastPosition", seen.last());
      details.put("retention", retention.toString());
      return HealthResult.builder("feed", HealthStatus.UP).details(details).build();
    } catch (RuntimeException e) {
      details.put("problem", "cannot read the feed's ends: " + e.getMessage());
      return HealthResult.builder("feed", HealthStatus.DOWN).details(details).build();
    }
  }
}
