package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userbase.access.Scope;
import dev.userbase.api.http.HttpCalls;
import dev.userbase.api.http.access.AccessTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every route × every credential over real HTTP, with a tokens file: the expected status, and for
 * each refusal the problem+json body and the RFC 6750 challenge. Then revocation and additions to
 * the file, with no restart. Each store runs it; the table is printed as it was observed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessSuite implements TestPropertyProvider {

  private static final Duration RELOAD_BOUND = Duration.ofSeconds(5);
  private static final List<String> CREDENTIALS = List.of(
      "none",
      "unknown",
      "revoked",
      "users:read",
      "users:write",
      "groups:read",
      "groups:write",
      "events:read",
      "admin");

  final TestTokens tokens = new TestTokens()
      .with("reader", Scope.USERS_READ)
      .with("writer", Scope.USERS_WRITE)
      .with("ops", Scope.ADMIN)
      .with("groupReader", Scope.GROUPS_READ)
      .with("groupWriter", Scope.GROUPS_WRITE)
      .with("eventReader", Scope.EVENTS_READ)
      .with("former", Scope.USERS_READ, Scope.USERS_WRITE, Scope.ADMIN)
      .with("late", Scope.USERS_READ)
      .write("late");

  @Inject
  EmbeddedServer server;

  /** The store's own properties. */
  abstract Map<String, String> storeProperties();

  /** What {@code POST /admin/backup} answers the admin on this store. */
  abstract int backupStatus();

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(storeProperties());
    properties.put("userbase.auth.tokens-file", tokens.file().toString());
    return properties;
  }

  /** A route, what it needs, and what it answers when allowed. */
  private record Route(
      String name,
      String method,
      Function<HttpCalls, String> path,
      String body,
      Scope needs,
      int allowed) {}

  private List<Route> routes(HttpCalls admin) {
    return List.of(
        new Route("GET /users", "GET", h -> "/users", null, Scope.USERS_READ, 200),
        new Route("GET /users/{id}", "GET", this::someUser, null, Scope.USERS_READ, 200),
        new Route(
            "POST /users", "POST", h -> "/users", "{\"name\":\"New\"}", Scope.USERS_WRITE, 201),
        new Route(
            "PUT /users/{id}",
            "PUT",
            this::someUser,
            "{\"name\":\"Put\",\"email\":null}",
            Scope.USERS_WRITE,
            200),
        new Route("DELETE /users/{id}", "DELETE", this::someUser, null, Scope.USERS_WRITE, 204),
        new Route("GET /groups", "GET", h -> "/groups", null, Scope.GROUPS_READ, 200),
        new Route("GET /groups/{id}", "GET", this::someGroup, null, Scope.GROUPS_READ, 200),
        new Route(
            "POST /groups", "POST", h -> "/groups", "{\"name\":\"New\"}", Scope.GROUPS_WRITE, 201),
        new Route(
            "PATCH /groups/{id}",
            "PATCH",
            this::someGroup,
            "{\"description\":\"Patched\"}",
            Scope.GROUPS_WRITE,
            200),
        new Route("DELETE /groups/{id}", "DELETE", this::someGroup, null, Scope.GROUPS_WRITE, 204),
        new Route(
            "GET /groups/{id}/members",
            "GET",
            h -> someGroup(h) + "/members",
            null,
            Scope.GROUPS_READ,
            200),
        new Route(
            "PUT /groups/{id}/members/{userId}",
            "PUT",
            h -> someGroup(h) + "/members/" + someUser(h).substring("/users/".length()),
            null,
            Scope.GROUPS_WRITE,
            201),
        new Route(
            "DELETE /groups/{id}/members/{userId}",
            "DELETE",
            this::someMembership,
            null,
            Scope.GROUPS_WRITE,
            204),
        new Route(
            "GET /users/{id}/groups",
            "GET",
            h -> someUser(h) + "/groups",
            null,
            Scope.GROUPS_READ,
            200),
        new Route(
            "POST /admin/backup", "POST", h -> "/admin/backup", null, Scope.ADMIN, backupStatus()),
        new Route("GET /admin/export", "GET", h -> "/admin/export", null, Scope.ADMIN, 200),
        new Route(
            "POST /admin/import",
            "POST",
            h -> "/admin/import",
            "{\"name\":\"Imported\"}\n",
            Scope.ADMIN,
            200),
        new Route("GET /events", "GET", h -> "/events", null, Scope.EVENTS_READ, 200),
        new Route("GET /prometheus", "GET", h -> "/prometheus", null, Scope.ADMIN, 200),
        new Route("GET /health", "GET", h -> "/health", null, null, 200),
        new Route("GET /health/readiness", "GET", h -> "/health/readiness", null, null, 200),
        new Route("GET /health/liveness", "GET", h -> "/health/liveness", null, null, 200));
  }

  /** A user of its own for each call, made by the writer. */
  private String someUser(HttpCalls http) {
    HttpResponse<String> created =
        http.postJson("/users", "{\"name\":\"Fixture\"}", "Authorization", tokens.bearer("writer"));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  /** A group of its own for each call, made by the group writer. */
  private String someGroup(HttpCalls http) {
    HttpResponse<String> created = http.postJson(
        "/groups",
        "{\"name\":\"Fixture " + System.nanoTime() + "\"}",
        "Authorization",
        tokens.bearer("groupWriter"));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  /** A membership of its own for each call. */
  private String someMembership(HttpCalls http) {
    String path = someGroup(http) + "/members/" + someUser(http).substring("/users/".length());
    HttpResponse<String> added =
        http.send("PUT", path, null, null, "Authorization", tokens.bearer("groupWriter"));
    assertThat(added.statusCode()).isEqualTo(201);
    return path;
  }

  private String[] credential(String which) {
    return switch (which) {
      case "none" -> new String[0];
      case "unknown" -> new String[] {"Authorization", "Bearer ubt_not-a-token-of-this-server"};
      case "revoked" -> new String[] {"Authorization", tokens.bearer("former")};
      case "users:read" -> new String[] {"Authorization", tokens.bearer("reader")};
      case "users:write" -> new String[] {"Authorization", tokens.bearer("writer")};
      case "groups:read" -> new String[] {"Authorization", tokens.bearer("groupReader")};
      case "groups:write" -> new String[] {"Authorization", tokens.bearer("groupWriter")};
      case "events:read" -> new String[] {"Authorization", tokens.bearer("eventReader")};
      case "admin" -> new String[] {"Authorization", tokens.bearer("ops")};
      default -> throw new IllegalArgumentException(which);
    };
  }

  @Test
  void everyRouteTimesEveryCredentialGetsItsStatusAndProblem() {
    HttpCalls http = new HttpCalls(server.getURI());
    // "former" works until its line goes; then it is a revoked token.
    assertThat(http.get("/users", credential("revoked")).statusCode()).isEqualTo(200);
    tokens.write("late", "former");
    awaitStatus(http, "/users", credential("revoked"), 401);

    Map<String, Map<String, Integer>> observed = new LinkedHashMap<>();
    List<String> mismatches = new ArrayList<>();
    for (Route route : routes(http)) {
      Map<String, Integer> row = new LinkedHashMap<>();
      for (String which : CREDENTIALS) {
        HttpResponse<String> answer = http.send(
            route.method(),
            route.path().apply(http),
            route.body() == null
                ? null
                : route.name().equals("POST /admin/import")
                    ? "application/x-ndjson"
                    : "application/json",
            route.body(),
            credential(which));
        row.put(which, answer.statusCode());
        String fault = check(route, which, answer);
        if (fault != null) {
          mismatches.add(route.name() + " with " + which + ": " + fault);
        }
      }
      observed.put(route.name(), row);
    }
    System.out.println(table(observed));
    assertThat(mismatches).isEmpty();
  }

  /** Null when the answer is right; else what is wrong with it. */
  private String check(Route route, String which, HttpResponse<String> answer) {
    int status = answer.statusCode();
    String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
    boolean allowed = route.needs() == null || which.equals(route.needs().text());
    if (allowed) {
      return status == route.allowed() ? null : "expected " + route.allowed() + ", got " + status;
    }
    boolean known = !which.equals("none") && !which.equals("unknown") && !which.equals("revoked");
    int expected = known ? 403 : 401;
    if (status != expected) {
      return "expected " + expected + ", got " + status + " " + answer.body();
    }
    if (!answer
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json")
        || !answer.body().contains("\"status\":" + expected)) {
      return "not problem+json: " + answer.body();
    }
    if (known) {
      boolean names = answer.body().contains("'" + route.needs().text() + "'")
          && challenge.contains("error=\"insufficient_scope\"")
          && challenge.contains("scope=\"" + route.needs().text() + "\"");
      return names ? null : "403 does not name the scope: " + challenge + " " + answer.body();
    }
    String wanted = which.equals("none")
        ? "Bearer realm=\"userbase\""
        : "Bearer realm=\"userbase\", error=\"invalid_token\"";
    return challenge.equals(wanted) ? null : "challenge " + challenge;
  }

  @Test
  void aTokenAddedInPlaceIsAcceptedAndOneRemovedIsRefusedWithinFiveSeconds() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    String[] late = {"Authorization", tokens.bearer("late")};
    assertThat(http.get("/users", late).statusCode()).isEqualTo(401);

    String before = java.nio.file.Files.readString(tokens.file());
    tokens.writeInPlace(before + tokens.line("late") + "\n");
    awaitStatus(http, "/users", late, 200);

    // A malformed change is logged and changes nothing: "late" stays in force.
    Logger log = (Logger) LoggerFactory.getLogger(AccessTokens.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    log.addAppender(captured);
    try {
      tokens.writeInPlace(before + tokens.line("late") + "\nthis line is not a token\n");
      long deadline = System.nanoTime() + RELOAD_BOUND.toNanos();
      while (captured.list.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      log.detachAppender(captured);
    }
    assertThat(captured.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getFormattedMessage())
          .contains(tokens.file() + ":" + (before.lines().count() + 2) + ": expected 3 fields")
          .contains("stay in force");
    });
    assertThat(http.get("/users", late).statusCode()).isEqualTo(200);

    tokens.writeInPlace(before);
    awaitStatus(http, "/users", late, 401);
  }

  /** Polls until the path answers the status, within the bound of 5 s. */
  private static void awaitStatus(HttpCalls http, String path, String[] headers, int status) {
    long deadline = System.nanoTime() + RELOAD_BOUND.toNanos();
    int last;
    do {
      last = http.get(path, headers).statusCode();
      if (last == status) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        path + " still answers " + last + ", not " + status + ", after " + RELOAD_BOUND);
  }

  static String table(Map<String, Map<String, Integer>> observed) {
    StringBuilder out = new StringBuilder("\nroute × credential (status observed)\n");
    out.append(String.format("%-22s", "route"));
    CREDENTIALS.forEach(c -> out.append(String.format(" %-11s", c)));
    out.append('\n');
    observed.forEach((route, row) -> {
      out.append(String.format("%-22s", route));
      row.values().forEach(status -> out.append(String.format(" %-11d", status)));
      out.append('\n');
    });
    return out.toString();
  }
}
