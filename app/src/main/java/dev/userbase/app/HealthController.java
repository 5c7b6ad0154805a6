package dev.userbase.app;

import dev.userbase.api.http.Draining;
import dev.userbase.domain.StoreHealth;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health for load balancers and orchestrators: readiness (the store can read and write now, and
 * the server is not draining) and liveness (the process serves HTTP).
 */
@Controller("/health")
final class HealthController {

  private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

  private final StoreHealth store;
  private final Draining draining;
  private volatile String lastProblem;

  HealthController(StoreHealth store, Draining draining) {
    this.store = store;
    this.draining = draining;
  }

  /** Readiness, under the path existing probes use: 200 UP or 503 DOWN. */
  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<Status> health() {
    return readiness();
  }

  /** UP when the store can read and write now and the server takes new requests. */
  @Get("/readiness")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<Status> readiness() {
    Optional<String> problem =
        draining.isDraining() ? Optional.of("the server is shutting down") : store.problem();
    report(problem.orElse(null));
    return problem.isEmpty()
        ? HttpResponse.ok(new Status("UP"))
        : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Status("DOWN"));
  }

  /** UP while the process serves HTTP; touches no database, and stays UP while draining. */
  @Get("/liveness")
  Status liveness() {
    return new Status("UP");
  }

  /** Logs each change of readiness once, not every probe. */
  private void report(String problem) {
    String previous = lastProblem;
    lastProblem = problem;
    if (problem != null && !problem.equals(previous)) {
      LOG.warn("Readiness DOWN: {}", problem);
    } else if (problem == null && previous != null) {
      LOG.info("Readiness UP again");
    }
  }

  /** The health answer's body. */
  @Serdeable
  record Status(String status) {}
}
