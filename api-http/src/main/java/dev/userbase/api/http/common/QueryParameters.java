package dev.userbase.api.http.common;

import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import io.micronaut.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A route's query parameters, for every resource: only the ones it names, a page size read
 * strictly, and the {@code next} link that carries a page's parameters on. The raw query was
 * already checked for malformed escapes and repeats before routing ({@link StrictQuery}).
 */
public final class QueryParameters {

  private QueryParameters() {}

  /** A 400 naming every parameter the route does not take. */
  public static void allowOnly(HttpRequest<?> request, Set<String> allowed) {
    List<Problem.FieldError> unknown = request.getParameters().names().stream()
        .filter(name -> !allowed.contains(name))
        .sorted()
        .map(name -> new Problem.FieldError(name, "is not a known query parameter"))
        .toList();
    if (!unknown.isEmpty()) {
      throw ProblemException.invalid(unknown);
    }
  }

  /**
   * The {@code limit} parameter: ASCII digits from 1 to {@code max}, or {@code fallback} when it
   * is absent; a broken rule goes into {@code errors}, and the answer is then -1.
   */
  public static int limit(String raw, int fallback, int max, List<Problem.FieldError> errors) {
    if (raw == null) {
      return fallback;
    }
    // ASCII digits only: Integer.parseInt would also take "+5", "05" and other scripts' digits.
    int limit = raw.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(raw) : -1;
    if (limit < 1 || limit > max) {
      errors.add(new Problem.FieldError("limit", "must be an integer from 1 to " + max));
      return -1;
    }
    return limit;
  }

  /** A 400 naming every broken rule, when there is one. */
  public static void throwIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /**
   * A link to {@code path} with these parameters, in their order, each value percent-encoded;
   * parameters whose value is null are left out.
   */
  public static String link(String path, Map<String, ?> parameters) {
    StringBuilder link = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, ?> parameter : parameters.entrySet()) {
      if (parameter.getValue() != null) {
        link.append(separator)
            .append(parameter.getKey())
            .append('=')
            .append(URLEncoder.encode(parameter.getValue().toString(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return link.toString();
  }
}
