package dev.userbase.app;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health of the process and of the chosen store. */
@Controller("/health")
final class HealthController {

  private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final List<DataSource> dataSources;

  HealthController(List<DataSource> dataSources, DataSourceResolver resolver) {
    // The beans are Micronaut Data's contextual proxies, which only work inside its connection
    // scope; the check wants the pools themselves.
    this.dataSources = dataSources.stream().map(resolver::resolve).toList();
  }

  /** UP when every connection pool of the store hands out a connection that answers. */
  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<Status> health() {
    for (DataSource dataSource : dataSources) {
      try (Connection connection = dataSource.getConnection()) {
        if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
          return down("a connection did not answer");
        }
      } catch (SQLException | RuntimeException e) {
        return down(e.getMessage());
      }
    }
    return HttpResponse.ok(new Status("UP"));
  }

  /** UP while the process serves HTTP; touches no database. */
  @Get("/liveness")
  Status liveness() {
    return new Status("UP");
  }

  private static HttpResponse<Status> down(String reason) {
    LOG.warn("Health check: the store is down: {}", reason);
    return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Status("DOWN"));
  }

  /** The health answer's body. */
  @Serdeable
  record Status(String status) {}
}
