package dev.userbase.app;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Lets the stores' connection pools, which the adapters build themselves, report to Micrometer. */
@Factory
class MetricsFactory {

  @Singleton
  @Requires(beans = MeterRegistry.class)
  MetricsTrackerFactory poolMetrics(MeterRegistry meters) {
    return new MicrometerMetricsTrackerFactory(meters);
  }
}
