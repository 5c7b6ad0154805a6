package dev.userbase.app;

import dev.userbase.access.Scope;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.DetailsVisibility;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;

/**
 * Micronaut's health endpoint, with its details (queue depth, free disk, pool use) for callers
 * holding the {@code admin} scope only; everyone else, probes included, sees the status. With
 * {@code endpoints.health.details-visible: NEVER} nobody sees them.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
final class HealthDetails extends HealthEndpoint {

  HealthDetails(
      HealthAggregator<HealthResult> aggregator,
      HealthIndicator[] indicators,
      @Liveness HealthIndicator[] liveness) {
    super(aggregator, indicators, liveness);
  }

  @Override
  protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
    boolean admin = principal instanceof Authentication authentication
        && authentication.getRoles().contains(Scope.ADMIN.text());
    // ANONYMOUS, an operator's explicit choice, still shows them to everyone.
    return (admin && getDetailsVisible() != DetailsVisibility.NEVER)
            || getDetailsVisible() == DetailsVisibility.ANONYMOUS
        ? super.levelOfDetail(principal)
        : HealthLevelOfDetail.STATUS;
  }
}
