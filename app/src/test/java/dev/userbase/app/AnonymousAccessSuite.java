package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With no tokens configured: a loopback client is served on every route, as the Quick start
 * needs; a client from another host gets 401 on every route but the public ones. Each store runs
 * it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnonymousAccessSuite implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

  @Inject
  SwitchableClients clients;

  abstract Map<String, String> storeProperties();

  abstract int backupStatus();

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(storeProperties());
    properties.put(SwitchableClients.PROPERTY, "true");
    return properties;
  }

  /** Every route once, with the status each answered. */
  private Map<String, Integer> callEveryRoute(HttpCalls http) {
    Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
    HttpResponse<String> created = http.postJson("/users", "{\"name\":\"Anon\"}");
    statuses.put("POST /users", created.statusCode());
    String user = created.headers().firstValue("Location").orElse("/users/1");
    statuses.put("GET /users", http.get("/users").statusCode());
    statuses.put("GET /users/{id}", http.get(user).statusCode());
    statuses.put(
        "PUT /users/{id}",
        http.putJson(user, "{\"name\":\"Anon 2\",\"email\":null}").statusCode());
    statuses.put("DELETE /users/{id}", http.delete(user).statusCode());
    statuses.put(
        "POST /admin/backup", http.send("POST", "/admin/backup", null, null).statusCode());
    statuses.put("GET /prometheus", http.get("/prometheus").statusCode());
    statuses.put("GET /events", http.get("/events").statusCode());
    statuses.put("GET /health", http.get("/health").statusCode());
    return statuses;
  }

  @Test
  void aLoopbackClientIsServedOnEveryRouteWithoutAToken() {
    clients.actAsRemote(false);
    Map<String, Integer> statuses = callEveryRoute(new HttpCalls(server.getURI()));
    System.out.println("anonymous from loopback: " + statuses);
    assertThat(statuses)
        .containsExactlyEntriesOf(expected(201, 200, 200, 200, 204, backupStatus(), 200, 200, 200));
  }

  @Test
  void aClientFromAnotherHostGets401OnEveryRouteButHealth() {
    clients.actAsRemote(true);
    try {
      HttpCalls http = new HttpCalls(server.getURI());
      Map<String, Integer> statuses = callEveryRoute(http);
      System.out.println("anonymous from another host: " + statuses);
      assertThat(statuses)
          .containsExactlyEntriesOf(expected(401, 401, 401, 401, 401, 401, 401, 401, 200));
      HttpResponse<String> refused = http.get("/users");
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"userbase\"");
      assertThat(refused.body()).contains("\"status\":401").contains("Authorization: Bearer");
    } finally {
      clients.actAsRemote(false);
    }
  }

  private static Map<String, Integer> expected(int... statuses) {
    String[] names = {
      "POST /users",
      "GET /users",
      "GET /users/{id}",
      "PUT /users/{id}",
      "DELETE /users/{id}",
      "POST /admin/backup",
      "GET /prometheus",
      "GET /events",
      "GET /health"
    };
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      expected.put(names[i], statuses[i]);
    }
    return expected;
  }
}
