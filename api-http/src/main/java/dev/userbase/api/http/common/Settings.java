package dev.userbase.api.http.common;

import java.time.Duration;

/**
 * The checks typed settings make when they are bound at start: a broken one stops the start with
 * one line that names the key and the rule.
 */
public final class Settings {

  private Settings() {}

  /** Refuses a number below {@code minimum}. */
  public static void atLeast(String key, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(key + " must be at least " + minimum + ", not " + value);
    }
  }

  /** Refuses a duration that is zero or negative. */
  public static void positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
    }
  }

  /** Refuses a negative duration; zero is allowed, and means "off" where the setting says so. */
  public static void notNegative(String key, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be 0 or more, not " + value);
    }
  }
}
