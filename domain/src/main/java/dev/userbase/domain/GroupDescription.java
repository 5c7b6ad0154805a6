package dev.userbase.domain;

import java.util.Objects;

/**
 * What a group is for: up to 1,000 characters (code points), by the rules of a name (see {@link
 * TextRules}). A group without one holds none, not an empty one.
 */
public final class GroupDescription {

  public static final int MAX_LENGTH = 1000;

  private final String value;

  private GroupDescription(String value) {
    this.value = value;
  }

  /**
   * A description as a client gave it: trimmed, then checked.
   *
   * @throws InvalidValueException naming the rule that it breaks
   */
  public static GroupDescription of(String raw) {
    String value = Objects.requireNonNull(raw, "description").strip();
    String refusal = TextRules.refusal(value, MAX_LENGTH);
    if (refusal != null) {
      throw new InvalidValueException(
          "description", value.isEmpty() ? refusal + "; null removes it" : refusal);
    }
    return new GroupDescription(value);
  }

  /** For loading from storage only. */
  public static GroupDescription restore(String stored) {
    return new GroupDescription(Objects.requireNonNull(stored, "stored description"));
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupDescription other && value.equals(other.value);
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
