package dev.userbase.api.http.common;

import dev.userbase.api.http.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a raw query string the strict way: every escape well formed, every name and value valid
 * UTF-8, no parameter given twice. A lenient reader would turn {@code %ff} into U+FFFD and keep the
 * first of {@code ?name=A&name=B}: both silent changes to what the client sent.
 */
public final class StrictQuery {

  private StrictQuery() {}

  /**
   * Checks a raw query string ({@code a=1&b=%C3%A9}), or does nothing when there is none.
   *
   * @throws ProblemException naming the parameter that is malformed or repeated
   */
  public static void check(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, "query");
      if (eq >= 0) {
        decode(pair.substring(eq + 1), name);
      }
      if (!seen.add(name)) {
        throw ProblemException.invalid(name, "is given more than once");
      }
    }
  }

  private static String decode(String raw, String field) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0 || raw.charAt(i + 1) > 0x7f || raw.charAt(i + 2) > 0x7f) {
          throw ProblemException.invalid(field, "has a malformed percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c <= 0xff) {
        // Netty reads the request line byte by byte, one char each: this is the byte as sent.
        bytes.write(c);
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    String decoded = Utf8.decodeStrictly(bytes.toByteArray());
    if (decoded == null) {
      throw ProblemException.invalid(field, "must be valid UTF-8 once percent-decoded");
    }
    return decoded;
  }
}
