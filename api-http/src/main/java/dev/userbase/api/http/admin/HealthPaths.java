package dev.userbase.api.http.admin;

import dev.userbase.api.http.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Set;

/**
 * {@code /health}, {@code /health/liveness} and {@code /health/readiness} are the health paths;
 * any other below {@code /health} is an unknown path like any other (404), where micronaut-management
 * would try to read it as one of its check types and answer 400 with that Java type's name.
 */
@ServerFilter("/health/**")
final class HealthPaths implements Ordered {

  private static final Set<String> PATHS =
      Set.of("/health", "/health/", "/health/liveness", "/health/readiness");

  @Override
  public int getOrder() {
    // Before security: an unknown path is 404 whoever asks, as it is for every other route.
    return ServerFilterPhase.FIRST.order();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> onlyKnownChecks(HttpRequest<?> request) {
    if (PATHS.contains(request.getPath())) {
      return null;
    }
    return Problems.response(
        HttpStatus.NOT_FOUND,
        Problems.generic(
            request, HttpStatus.NOT_FOUND, Problems.defaultDetail(HttpStatus.NOT_FOUND)));
  }
}
