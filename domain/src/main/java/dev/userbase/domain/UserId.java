package dev.userbase.domain;

import java.util.regex.Pattern;

/** Identity of a stored user: a positive 64-bit number assigned by the store. */
public record UserId(long value) {

  private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,18}");
  private static final String MUST =
      "must be a positive 64-bit integer in ASCII digits, without sign or leading zeros";

  public UserId {
    if (value <= 0) {
      throw new InvalidValueException("id", "must be a positive 64-bit integer");
    }
  }

  /**
   * Parses an id as it appears in a URL: ASCII digits, no sign, no leading zero. Every id has
   * exactly one spelling, so {@code /users/01} or a fullwidth digit never reaches user 1.
   *
   * @throws InvalidValueException if the text is not that spelling of a positive 64-bit integer
   */
  public static UserId parse(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      throw new InvalidValueException("id", MUST);
    }
    try {
      return new UserId(Long.parseLong(text));
    } catch (NumberFormatException tooLarge) {
      throw new InvalidValueException("id", MUST);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
