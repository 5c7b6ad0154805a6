package dev.userbase.api.http.problem;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Counts the 503 answers by cause, as {@code userbase.store.unavailable}, when metrics are on. */
@Singleton
public final class UnavailableAnswers {

  public static final String METER = "userbase.store.unavailable";

  private final MeterRegistry meters;

  public UnavailableAnswers(@Nullable MeterRegistry meters) {
    this.meters = meters;
  }

  public void count(String cause) {
    if (meters != null) {
      meters.counter(METER, "cause", cause).increment();
    }
  }
}
