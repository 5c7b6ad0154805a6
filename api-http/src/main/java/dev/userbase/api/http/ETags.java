package dev.userbase.api.http;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user's version as an HTTP entity tag, {@code "3"}, and back. */
final class ETags {

  private static final Pattern VERSION_TAG = Pattern.compile("\"([1-9][0-9]{0,18})\"");

  private ETags() {}

  static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an If-Match header asks for: empty when there is no header or it is {@code *}.
   *
   * @throws ProblemException if the header is not one strong tag made by this API
   */
  static OptionalLong ifMatch(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return OptionalLong.empty();
    }
    Matcher m = VERSION_TAG.matcher(header.strip());
    if (!m.matches()) {
      throw ProblemException.invalid(
          "If-Match", "must be one entity tag as sent in ETag, such as \"3\", or *");
    }
    try {
      return OptionalLong.of(Long.parseLong(m.group(1)));
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("If-Match", "names a version that does not exist");
    }
  }
}
