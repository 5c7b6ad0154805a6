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
 * token's name, or {@code anonymous}), the method, the path, the user's id and the outcome.
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
        "actor={} method={} path={} user={} status={} outcome={}",
        request.getUserPrincipal().map(Principal::getName).orElse("anonymous"),
        method,
        path,
        userId(path, response),
        status,
        outcome(status));
  }

  private static String userId(String path, MutableHttpResponse<?> response) {
    String location = response.getHeaders().get(HttpHeaders.LOCATION);
    String source = location != null && location.startsWith("/users/") ? location : path;
    if (source.startsWith("/users/")) {
      String rest = source.substring("/users/".length());
      int end = rest.indexOf('/');
      String id = end < 0 ? rest : rest.substring(0, end);
      // Only an id as this API spells it; anything else a client typed stays out of the log.
      return id.matches("[0-9]{1,19}") ? id : "-";
    }
    return "-";
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
