package dev.userbase.domain;

/** Identity of a stored user: a positive 64-bit number assigned by the store. */
public record UserId(long value) {

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
    return new UserId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
