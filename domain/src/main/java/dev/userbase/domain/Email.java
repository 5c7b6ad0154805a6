package dev.userbase.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address: trimmed, lower-cased, plausible in shape, at most 254 characters.
 *
 * <p>{@link #of} checks an address that arrives from a client; {@link #restore} takes one back
 * from the store as it was stored, so that a rule tightened later never makes a stored user
 * unreadable.
 */
public final class Email {

  public static final int MAX_LENGTH = 254;

  // Plausible, not RFC 5322: one @, a local part without spaces, a dotted domain of DNS labels.
  private static final Pattern PLAUSIBLE = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
      + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private final String value;

  private Email(String value) {
    this.value = value;
  }

  /**
   * An address as a client gave it: trimmed, lower-cased, then checked.
   *
   * @throws InvalidValueException naming the rule that the address breaks
   */
  public static Email of(String raw) {
    if (raw == null) {
      throw new InvalidValueException("email", "is required");
    }
    String value = raw.strip().toLowerCase(Locale.ROOT);
    String refusal = refusal(value);
    if (refusal != null) {
      throw new InvalidValueException("email", refusal);
    }
    return new Email(value);
  }

  /** For loading from storage only: the address exactly as it was stored, not checked again. */
  public static Email restore(String stored) {
    return new Email(Objects.requireNonNull(stored, "stored email"));
  }

  /** Whether a stored address still meets today's rules for a new one. */
  public boolean meetsCurrentRules() {
    return value.equals(value.strip().toLowerCase(Locale.ROOT)) && refusal(value) == null;
  }

  private static String refusal(String value) {
    if (value.isEmpty()) {
      return "must not be blank";
    }
    if (value.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (!PLAUSIBLE.matcher(value).matches()
        || value.startsWith(".")
        || value.contains("..")
        || value.contains(".@")) {
      return "must be a valid email address";
    }
    return null;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Email other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
