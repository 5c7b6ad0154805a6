package dev.userbase.api.http.common;

import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.domain.Precondition;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity tags: a user's ETag is its version in quotes, {@code "3"}. Reads {@code If-Match} and
 * {@code If-None-Match} as RFC 9110 §13.1.1–2 has them: a list of tags, or {@code *}.
 */
public final class ETags {

  private ETags() {}

  /** The response with the ETag of {@code version}. */
  public static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, long version) {
    return response.header(HttpHeaders.ETAG, of(version));
  }

  /**
   * A read's answer: 304 with the ETag when the request's If-None-Match names {@code version},
   * else 200 with the body and the ETag.
   */
  public static <T> MutableHttpResponse<T> read(HttpRequest<?> request, long version, T body) {
    if (noneMatchFails(request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH), version)) {
      return tagged(HttpResponse.notModified(), version);
    }
    return tagged(HttpResponse.ok(body), version);
  }

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /** One entity tag as sent: its opaque text (between the quotes) and whether it was weak. */
  record Tag(String opaque, boolean weak) {}

  /** A parsed condition header: {@code *}, or its tags. */
  record Condition(boolean any, List<Tag> tags) {}

  /**
   * What an If-Match asks of the user: none when there is no header; {@code *} any version; a
   * list, one of its strong tags' versions. A weak tag never matches (strong comparison), and
   * neither does a tag this API never made; so a list of only such tags matches nothing.
   *
   * @throws ProblemException if the header is not {@code *} or a list of entity tags
   */
  public static Precondition ifMatch(List<String> headers) {
    Condition condition = parse("If-Match", headers);
    if (condition == null) {
      return Precondition.none();
    }
    if (condition.any()) {
      return Precondition.exists();
    }
    Set<Long> versions = new HashSet<>();
    for (Tag tag : condition.tags()) {
      if (!tag.weak()) {
        version(tag.opaque()).ifPresent(versions::add);
      }
    }
    return Precondition.versionIn(versions);
  }

  /**
   * Whether an If-None-Match is met by a user at this version, so that a GET answers 304: {@code
   * *}, or any tag naming the version, weak or strong (weak comparison).
   *
   * @throws ProblemException if the header is not {@code *} or a list of entity tags
   */
  public static boolean noneMatchFails(List<String> headers, long version) {
    Condition condition = parse("If-None-Match", headers);
    if (condition == null) {
      return false;
    }
    return condition.any()
        || condition.tags().stream().anyMatch(tag -> tag.opaque().equals(Long.toString(version)));
  }

  private static java.util.Optional<Long> version(String opaque) {
    if (!opaque.matches("[1-9][0-9]{0,18}")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(opaque));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** Null when no header was sent. */
  public static Condition parse(String name, List<String> headers) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    String value = String.join(",", headers).strip();
    if (value.equals("*")) {
      return new Condition(true, List.of());
    }
    List<Tag> tags = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      char c = value.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      boolean weak = false;
      if (value.startsWith("W/", i)) {
        weak = true;
        i += 2;
      }
      if (i >= n || value.charAt(i) != '"') {
        throw malformed(name);
      }
      int end = value.indexOf('"', i + 1);
      if (end < 0) {
        throw malformed(name);
      }
      String opaque = value.substring(i + 1, end);
      // etagc: visible ASCII but the quote, and obs-text; no controls, no spaces.
      if (!opaque.chars().allMatch(ch -> ch == 0x21 || (ch >= 0x23 && ch != 0x7f))) {
        throw malformed(name);
      }
      tags.add(new Tag(opaque, weak));
      i = end + 1;
      // After a tag: only spaces, then a comma or the end.
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && value.charAt(i) != ',') {
        throw malformed(name);
      }
    }
    if (tags.isEmpty()) {
      throw malformed(name);
    }
    return new Condition(false, tags);
  }

  private static ProblemException malformed(String name) {
    return ProblemException.invalid(
        name, "must be * or a list of entity tags as sent in ETag, such as \"3\" or \"3\", \"4\"");
  }
}
