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
    String refusal = refusal(value);
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
    return value.equals(value.strip()) && refusal(value) == null;
  }

  private static String refusal(String value) {
    boolean visible = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        return "must be valid Unicode text (it holds an unpaired surrogate)";
      }
      if (Character.isISOControl(c)) {
        return "must not contain control characters";
      }
      int type = Character.getType(c);
      if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return "must not contain line or paragraph separators";
      }
      if (isBidiControl(c)) {
        return "must not contain bidirectional control characters";
      }
      if (isNoncharacter(c)) {
        return "must not contain Unicode noncharacters";
      }
      visible |= isVisible(c, type);
    }
    if (!visible) {
      return "must not be blank";
    }
    if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    return null;
  }

  private static boolean isBidiControl(int c) {
    return c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static boolean isNoncharacter(int c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
  }

  /** Whether the character shows as something: not a space, a format mark, or a lone accent. */
  private static boolean isVisible(int c, int type) {
    return switch (type) {
      case Character.SPACE_SEPARATOR,
          Character.FORMAT,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.CONTROL -> false;
      // Letters and symbols that Unicode defines to render as nothing (Hangul fillers, the
      // Mongolian vowel separator, the blank Braille pattern).
      default ->
        !(c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x180E || c == 0x2800);
    };
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
