package dev.userbase.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness: DOWN once threads are deadlocked, which only a restart mends. The scan (every
 * thread's locks, at a safepoint) runs on a schedule, every {@code
 * userbase.health.deadlock-scan-interval}; a probe only reads its last result, so probing as often
 * as a load balancer likes costs nothing and never pauses the JVM. It replaces micronaut-management's
 * own indicator, which scanned on every probe.
 */
@Singleton
@Liveness
final class DeadlockWatch implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlockWatch.class);
  private static final HealthResult LIVE =
      HealthResult.builder("deadlocks", HealthStatus.UP).build();

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private volatile HealthResult last = LIVE;

  DeadlockWatch(HealthSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    scan();
    scheduler.scheduleWithFixedDelay(
        settings.deadlockScanInterval(), settings.deadlockScanInterval(), this::scan);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(last);
  }

  /** Looks for deadlocked threads once; the result stands until the next scan. */
  void scan() {
    long[] ids = threads.findDeadlockedThreads();
    if (ids == null) {
      last = LIVE;
      return;
    }
    List<String> names = Arrays.stream(threads.getThreadInfo(ids))
        .filter(info -> info != null)
        .map(ThreadInfo::getThreadName)
        .toList();
    if (last.getStatus() == HealthStatus.UP) {
      LOG.error("Liveness DOWN: threads deadlocked: {}", names);
    }
    last = HealthResult.builder("deadlocks", HealthStatus.DOWN)
        .details(Map.of("deadlockedThreads", names))
        .build();
  }
}
