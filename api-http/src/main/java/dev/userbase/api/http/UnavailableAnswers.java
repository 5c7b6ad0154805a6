package dev.userbase.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Counts the 503 answers by cause, as {@code userbase.store.unavailable}, when metrics are on. */
@Singleton
final class UnavailableAnswers {

  static final String METER = "userbase.store.unavailable";

  private final MeterRegistry meters;

  UnavailableAnswers(@Nullable MeterRegistry meters) {
    this.meters = meters;
  }

  void count(String cause) {
    if (meters != null) {
      meters.counter(METER, "cause", cause).increment();
    }
  }
}
