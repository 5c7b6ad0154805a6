package dev.userbase.domain;

import java.util.Objects;

/**
 * A group's name: a user name's rules (see {@link TextRules}), 1 to 100 characters (code points).
 * Unique among groups ignoring case: its {@link #searchKey} is what the store keeps unique.
 */
public final class GroupName {

  public static final int MAX_LENGTH = 100;

  private final String value;

  private GroupName(String value) {
    this.value = value;
  }

  /**
   * A name as a client gave it: trimmed, then checked.
   *
   * @throws InvalidValueException naming the rule that the name breaks
   */
  public static GroupName of(String raw) {
    if (raw == null) {
      throw new InvalidValueException("name", "is required");
    }
    String value = raw.strip();
    String refusal = TextRules.refusal(value, MAX_LENGTH);
    if (refusal != null) {
      throw new InvalidValueException("name", refusal);
    }
    return new GroupName(value);
  }

  /** For loading from storage only: the name exactly as it was stored. */
  public static GroupName restore(String stored) {
    return new GroupName(Objects.requireNonNull(stored, "stored name"));
  }

  /** The form names are compared and searched by: lower case, as a user name's. */
  public String searchKey() {
    return UserName.searchKey(value);
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupName other && value.equals(other.value);
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
