package dev.userbase.api.http.server;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per write attempt, refusals included, on the {@code userbase.audit} logger: who (the
 * token's name, or {@code anonymous}), the method, the path, the user's and the group's ids
 * ({@code -} where there is none) and the outcome.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
final class AuditLog implements io.micronaut.core.order.Ordered {

  private static final Logger AUDIT = LoggerFactory.getLogger("userbase.audit");

  @Override
  public int getOrder() {
    // Outside security and the rate limit, so that their refusals are written down too.
    return ServerFilterPhase.SECURITY.before();
  }

  @ResponseFilter
  void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      return;
    }
    String path = request.getPath();
    if (path.startsWith("/health")) {
      return;
    }
    int status = response.code();
    AUDIT.info(
        "actor={} method={} path={} user={} group={} status={} outcome={}",
        request.getUserPrincipal().map(Principal::getName).orElse("anonymous"),
        method,
        path,
        userId(path, response),
        id(created(response, "/groups/", path), "/groups/"),
        status,
        outcome(status));
  }

  /** What a 201 made (its Location) when it is under {@code root}, else the request's path. */
  private static String created(MutableHttpResponse<?> response, String root, String path) {
    String location = response.getHeaders().get(HttpHeaders.LOCATION);
    return location != null && location.startsWith(root) ? location : path;
  }

  /** The id that follows {@code root} in {@code path}, when it is one as this API spells it. */
  private static String id(String path, String root) {
    if (!path.startsWith(root)) {
      return "-";
    }
    String rest = path.substring(root.length());
    int end = rest.indexOf('/');
    String id = end < 0 ? rest : rest.substring(0, end);
    // Only an id as this API spells it; anything else a client typed stays out of the log.
    return id.matches("[0-9]{1,19}") ? id : "-";
  }

  /** The user's id: of a user's route, or the member of a membership's route. */
  private static String userId(String path, MutableHttpResponse<?> response) {
    int members = path.indexOf("/members/");
    if (path.startsWith("/groups/") && members > 0) {
      return id(path.substring(members), "/members/");
    }
    return id(created(response, "/users/", path), "/users/");
  }

  private static String outcome(int status) {
    if (status < 300) {
      return "done";
    }
    return switch (status) {
      case 401, 403 -> "refused";
      case 429 -> "limited";
      default -> status < 500 ? "rejected" : "failed";
    };
  }
}
