package dev.userbase.domain;

/**
 * The rules every piece of text a person names or describes something with follows (a user's or
 * a group's name, a group's description): at least one visible character, and none of the
 * characters that hide or disguise text. Refused: control characters, unpaired surrogates (text
 * that is not valid Unicode), line and paragraph separators, bidirectional controls (which can
 * reverse how the rest of a page reads), and Unicode noncharacters. Anything else is kept exactly
 * as sent, without normalisation.
 */
final class TextRules {

  private TextRules() {}

  /**
   * Why {@code value} (already trimmed) breaks the rules, or null when it does not.
   *
   * @param maxLength the most code points it may hold
   */
  static String refusal(String value, int maxLength) {
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
    if (value.codePointCount(0, value.length()) > maxLength) {
      return "must be at most " + maxLength + " characters";
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
}
