package dev.userbase.domain;

import java.util.Objects;

/**
 * A user's display name: trimmed, 1 to 200 characters (code points), with at least one visible
 * character, and none of the characters that hide or disguise text.
 *
 * <p>Refused: control characters, unpaired surrogates (text that is not valid Unicode), line and
 * paragraph separators, bidirectional controls (which can reverse how the rest of a page reads),
 * and Unicode noncharacters. Anything else is kept exactly as sent, without normalisation.
 *
 * <p>{@link #of} checks a name that arrives from a client; {@link #restore} takes one back from the
 * store as it was stored, so that a rule tightened later never makes a stored user unreadable.
 */
public final class UserName {

  public static final int MAX_LENGTH = 200;

  private final String value;

  private UserName(String value) {
    this.value = value;
  }

  /**
   * A name as a client gave it: trimmed, then checked.
   *
   * @throws InvalidValueException naming the rule that the name breaks
   */
  public static UserName of(String raw) {
    if (raw == null) {
      throw new InvalidValueException("name", "is required");
    }
    String value = raw.strip();
    String refusal = TextRules.refusal(value, MAX_LENGTH);
    if (refusal != null) {
      throw new InvalidValueException("name", refusal);
    }
    return new UserName(value);
  }

  /** For loading from storage only: the name exactly as it was stored, not checked again. */
  public static UserName restore(String stored) {
    return new UserName(Objects.requireNonNull(stored, "stored name"));
  }

  /** Whether a stored name still meets today's rules for a new one. */
  public boolean meetsCurrentRules() {
    return value.equals(value.strip()) && TextRules.refusal(value, MAX_LENGTH) == null;
  }

  /**
   * The form names are searched by: lower case, locale-independent. Stores keep it beside the name
   * so that a case-insensitive prefix search is a range on an index, the same on every store.
   */
  public static String searchKey(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A string above every search key that starts with {@code prefix} in code point order (which is
   * the order of their UTF-8 bytes): the prefix followed by U+10FFFF, a noncharacter no name may
   * hold. A store finds a prefix as the range [prefix, this).
   */
  public static String searchKeyRangeEnd(String prefix) {
    return prefix + "\uDBFF\uDFFF";
  }

  public String searchKey() {
    return searchKey(value);
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserName other && value.equals(other.value);
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
