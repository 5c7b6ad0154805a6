package dev.userbase.domain;

/** A group's id: a positive 64-bit integer the store assigns and never hands out again. */
public record GroupId(long value) {

  public GroupId {
    if (value < 1) {
      throw new InvalidValueException("id", "must be a positive 64-bit integer");
    }
  }

  /**
   * The one spelling of an id as text: ASCII digits, no sign, no leading zero.
   *
   * @throws InvalidValueException for anything else
   */
  public static GroupId parse(String text) {
    return new GroupId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
