package dev.userbase.app;

import dev.userbase.api.http.server.Draining;
import dev.userbase.domain.StoreHealth;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: UP when the store can read and write now and the server is not draining for
 * shutdown. The store's check may touch the database, so it runs on the blocking executor, never
 * on an event loop. Each change of readiness is logged once, not every probe.
 */
@Singleton
@Readiness
final class StoreReadiness implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(StoreReadiness.class);

  private final StoreHealth store;
  private final Draining draining;
  private final ExecutorService blocking;
  private volatile String lastProblem;

  StoreReadiness(
      StoreHealth store,
      Draining draining,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.store = store;
    this.draining = draining;
    this.blocking = blocking;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return new AsyncSingleResultPublisher<>(blocking, this::check);
  }

  private HealthResult check() {
    StoreHealth.Status status = draining.isDraining()
        ? new StoreHealth.Status("the server is shutting down", Map.of())
        : store.check();
    report(status.problem());
    Map<String, Object> details = new LinkedHashMap<>(status.details());
    if (!status.up()) {
      details.put("problem", status.problem());
    }
    return HealthResult.builder("store", status.up() ? HealthStatus.UP : HealthStatus.DOWN)
        .details(details)
        .build();
  }

  private void report(String problem) {
    String previous = lastProblem;
    lastProblem = problem;
    if (problem != null && !problem.equals(previous)) {
      LOG.warn("Readiness DOWN: {}", problem);
    } else if (problem == null && previous != null) {
      LOG.info("Readiness UP again");
    }
  }
}
