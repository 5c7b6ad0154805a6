package dev.userbase.api.http.problem;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Counts the 503 answers by cause, as {@code userbase.store.unavailable}, when metrics are on.
 * The causes every store and the server itself can give are there from the start, at 0, so that
 * an alert on a rate has a series to watch before the first failure; a store's own codes (such as
 * SQLite's {@code SQLITE_FULL}) join when they first happen.
 */
@Context
public final class UnavailableAnswers {

  public static final String METER = "userbase.store.unavailable";

  /** The causes counted from the start. */
  static final List<String> CAUSES = List.of(
      "busy",
      "shutting-down",
      "timed-out",
      "unavailable",
      "pool-timeout",
      "connection",
      "constraint");

  private final MeterRegistry meters;

  public UnavailableAnswers(@Nullable MeterRegistry meters) {
    this.meters = meters;
    if (meters != null) {
      CAUSES.forEach(cause -> meters.counter(METER, "cause", cause));
    }
  }

  public void count(String cause) {
    if (meters != null) {
      meters.counter(METER, "cause", cause).increment();
    }
  }
}
