package dev.userbase.api.http.server;

import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.common.StrictQuery;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.api.http.problem.UnavailableAnswers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;
import java.util.Locale;

/**
 * The first and last word on every request, before any body is read or any handler runs.
 *
 * <p>On the way in it refuses, as problem+json: a body in another charset than UTF-8 (415), a
 * content coding (415: the API takes plain bodies, and a corrupt gzip stream must not become a
 * 500), a query that is not strict UTF-8 or repeats a parameter (400), and any request once the
 * shutdown drain has begun (503), and a body over {@code userbase.http.max-body-size} by its
 * Content-Length (413; only the streamed import may send more). On the way out it gives a problem+json body to any error that
 * has none, such as the CORS filter's 403.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
final class RequestScreen implements Ordered {

  /** The one route whose body is streamed, so that it may be up to {@code import-max-size}. */
  static final String IMPORT_PATH = "/admin/import";

  private final Draining draining;
  private final UnavailableAnswers unavailable;
  private final long maxBodySize;
  private final long maxImportSize;

  RequestScreen(Draining draining, UnavailableAnswers unavailable, HttpSettings settings) {
    this.draining = draining;
    this.unavailable = unavailable;
    this.maxBodySize = settings.maxBodySize();
    this.maxImportSize = settings.importMaxSize();
  }

  @Override
  public int getOrder() {
    // Outside every other filter, so that its response filter sees their answers too.
    return ServerFilterPhase.FIRST.before();
  }

  @PreMatching
  @RequestFilter
  @Nullable
  HttpResponse<?> screen(HttpRequest<?> request) {
    // Health answers for itself while draining: liveness stays UP, readiness turns DOWN.
    if (draining.isDraining() && !request.getPath().startsWith("/health")) {
      unavailable.count("shutting-down");
      return Problems.response(
              request,
              ProblemType.SHUTTING_DOWN,
              "This instance is shutting down and takes no new requests; nothing was done."
                  + " Retry, and another instance (or this one, restarted) will answer.",
              null)
          .header(HttpHeaders.RETRY_AFTER, "1")
          .header(HttpHeaders.CONNECTION, "close");
    }
    String coding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
    if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
      return Problems.response(
              request,
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "Content-Encoding '" + coding.strip()
                  + "' is not accepted; send the body uncompressed",
              null)
          .header(HttpHeaders.ACCEPT_ENCODING, "identity");
    }
    String charset = charset(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      return Problems.response(
          request,
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "The body must be UTF-8 JSON; charset '" + charset + "' is not accepted",
          null);
    }
    // Refused by its Content-Length before a byte of it is read (and, to a client that sent
    // Expect: 100-continue, before a byte of it is sent). Only the streamed import may send more
    // than the users API takes.
    long length = request.getContentLength();
    long limit = request.getPath().equals(IMPORT_PATH) ? maxImportSize : maxBodySize;
    if (length > limit) {
      return Problems.response(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          Problems.generic(
              request,
              HttpStatus.REQUEST_ENTITY_TOO_LARGE,
              "The request body is " + length + " bytes; at most " + limit + " are accepted here"));
    }
    try {
      StrictQuery.check(request.getUri().getRawQuery());
    } catch (ProblemException e) {
      return Problems.response(request, e.type(), e.getMessage(), e.errors());
    }
    return null;
  }

  @ResponseFilter
  void explainBareErrors(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (draining.isDraining()) {
      // A client that keeps this connection would send its next request into a closing server.
      response.header(HttpHeaders.CONNECTION, "close");
    }
    HttpStatus status = response.getStatus();
    if (status.getCode() < 400 || response.getBody().isPresent()) {
      return;
    }
    String detail = status == HttpStatus.FORBIDDEN && request.getOrigin().isPresent()
        ? "Cross-origin request refused: a page from "
            + request.getOrigin().get()
            + " may not call this service (see micronaut.server.cors in docs/configuration.md)"
        : Problems.defaultDetail(status);
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> bare = (MutableHttpResponse<Object>) response;
    bare.body(Problems.generic(request, status, detail)).contentType(Problem.CONTENT_TYPE);
  }

  /**
   * The charset parameter of a Content-Type, unquoted; "" when it is given empty, null when there
   * is none.
   */
  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int eq = parameter.indexOf('=');
      String name = (eq < 0 ? parameter : parameter.substring(0, eq)).strip();
      if (name.toLowerCase(Locale.ROOT).equals("charset")) {
        String value = eq < 0 ? "" : parameter.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).replace("\\", "");
        }
        return value;
      }
    }
    return null;
  }
}
