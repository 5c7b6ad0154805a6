package dev.userbase.domain;

import java.util.regex.Pattern;

/** The one spelling of an id in a URL, for every resource. */
final class Ids {

  private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,18}");
  private static final String MUST =
      "must be a positive 64-bit integer in ASCII digits, without sign or leading zeros";

  private Ids() {}

  /**
   * Parses an id as it appears in a URL: ASCII digits, no sign, no leading zero. Every id has
   * exactly one spelling, so {@code /users/01} or a fullwidth digit never reaches id 1.
   *
   * @throws InvalidValueException if the text is not that spelling of a positive 64-bit integer
   */
  static long parse(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      throw new InvalidValueException("id", MUST);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException tooLarge) {
      throw new InvalidValueException("id", MUST);
    }
  }
}
