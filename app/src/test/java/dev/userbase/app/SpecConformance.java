package dev.userbase.app;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.userbase.api.http.HttpCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Checks answers against the spec the server itself serves at /openapi.json (Atlassian's
 * swagger-request-validator): the status is one the operation lists, the body is valid against
 * that status's schema, and the documented headers are there. Answers to routes the spec leaves
 * out (health, unknown paths, a method a path lacks) are counted apart.
 */
final class SpecConformance implements HttpCalls.Observer {

  /**
   * Headers a documented answer must carry, by status. A 201 names what it made; the ETag of a
   * created user or group is checked by their suites (a membership has no version to tag).
   */
  private static final Map<String, Set<String>> REQUIRED_HEADERS = Map.of(
      "201", Set.of("Location"),
      "304", Set.of("ETag"),
      "401", Set.of("WWW-Authenticate"),
      "403", Set.of("WWW-Authenticate"),
      "412", Set.of("ETag"),
      "429", Set.of("Retry-After"),
      "503", Set.of("Retry-After"));

  private final OpenApiInteractionValidator validator;
  private final AtomicInteger checked = new AtomicInteger();
  private final AtomicInteger outside = new AtomicInteger();
  private final List<String> failures = new ArrayList<>();

  private SpecConformance(String spec) {
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
  }

  /** The checker for the spec this server serves. */
  static SpecConformance of(URI server) {
    try {
      HttpResponse<String> spec = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(server.resolve("/openapi.json")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (spec.statusCode() != 200) {
        throw new IllegalStateException("/openapi.json answered " + spec.statusCode());
      }
      return new SpecConformance(spec.body());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the served spec", e);
    }
  }

  @Override
  public void seen(String method, URI uri, HttpResponse<String> response) {
    String path = uri.getRawPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
    if (!response.body().isEmpty()) {
      answer.withBody(response.body());
    }
    ValidationReport report =
        validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
    boolean unknownRoute = report.getMessages().stream()
        .anyMatch(m -> m.getKey().equals("validation.request.path.missing")
            || m.getKey().equals("validation.request.operation.notAllowed"));
    if (unknownRoute) {
      outside.incrementAndGet();
      return;
    }
    checked.incrementAndGet();
    List<String> problems = report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> m.getKey() + ": " + m.getMessage())
        .collect(Collectors.toList());
    Set<String> wanted =
        REQUIRED_HEADERS.getOrDefault(Integer.toString(response.statusCode()), Set.of());
    for (String header : wanted) {
      if (response.headers().firstValue(header).isEmpty()) {
        problems.add("missing header " + header);
      }
    }
    if (!problems.isEmpty()) {
      synchronized (failures) {
        failures.add(method + " " + uri + " -> " + response.statusCode() + ": " + problems);
      }
    }
  }

  /** What failed so far, and forgets it. */
  List<String> takeFailures() {
    synchronized (failures) {
      List<String> taken = List.copyOf(failures);
      failures.clear();
      return taken;
    }
  }

  int checked() {
    return checked.get();
  }

  int outside() {
    return outside.get();
  }
}
