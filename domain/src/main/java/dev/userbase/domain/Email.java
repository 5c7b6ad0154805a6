package dev.userbase.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** An email address: trimmed, lower-cased, plausible in shape, at most 254 characters. */
public record Email(String value) {

  public static final int MAX_LENGTH = 254;

  // Plausible, not RFC 5322: one @, a local part without spaces, a dotted domain of DNS labels.
  private static final Pattern PLAUSIBLE = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
      + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  public Email {
    if (value == null) {
      throw new InvalidValueException("email", "is required");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      throw new InvalidValueException("email", "must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException("email", "must be at most " + MAX_LENGTH + " characters");
    }
    if (!PLAUSIBLE.matcher(value).matches()
        || value.startsWith(".")
        || value.contains("..")
        || value.contains(".@")) {
      throw new InvalidValueException("email", "must be a valid email address");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
