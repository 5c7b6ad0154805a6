package dev.userbase.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a name search ends: the last item's name search key and id. Searches are
 * ordered by the two, so the next page starts right after it, as one range of the (key, id) index
 * however deep it is. It travels in a {@code next} link as an opaque token.
 */
public record SearchCursor(String key, long id) {

  private static final String NOT_A_CURSOR =
      "must be the after value of a search's next link (with name, pages are ordered by name)";

  public SearchCursor {
    if (key == null || key.indexOf('\0') >= 0 || id < 1) {
      throw new IllegalArgumentException("not a cursor: " + key + ", " + id);
    }
  }

  /** The token for a link: base64url of the key and the id. */
  public String encode() {
    byte[] text = (key + '\0' + id).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
  }

  /**
   * Reads a token {@link #encode} made.
   *
   * @throws InvalidValueException naming {@code after} when it is not one
   */
  public static SearchCursor decode(String token) {
    try {
      String text = StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(token)))
          .toString();
      int split = text.lastIndexOf('\0');
      if (split < 0 || !text.substring(split + 1).matches("[1-9][0-9]{0,18}")) {
        throw new InvalidValueException("after", NOT_A_CURSOR);
      }
      return new SearchCursor(text.substring(0, split), Long.parseLong(text.substring(split + 1)));
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      throw new InvalidValueException("after", NOT_A_CURSOR);
    }
  }

  /** Whether an item with this key and id comes after the cursor in a search's order. */
  public boolean isBefore(String otherKey, long otherId) {
    int order = compareKeys(key, otherKey);
    return order < 0 || (order == 0 && id < otherId);
  }

  /** Keys in the stores' order: by code point (not by UTF-16 unit, as String's own order is). */
  public static int compareKeys(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
