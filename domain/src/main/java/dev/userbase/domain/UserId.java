package dev.userbase.domain;

/** Identity of a stored user: a positive 64-bit number assigned by the store. */
public record UserId(long value) {

  public UserId {
    if (value <= 0) {
      throw new InvalidValueException("id", "must be a positive 64-bit integer");
    }
  }

  /**
   * Parses an id as it appears in a URL path.
   *
   * @throws InvalidValueException if the text is not a positive 64-bit integer
   */
  public static UserId parse(String text) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("id", "must be a positive 64-bit integer");
    }
    return new UserId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
