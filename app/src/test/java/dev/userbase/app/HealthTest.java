package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.access.Scope;
import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteFaultInjection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Health through micronaut-management, with its details shown to the admin scope only: readiness
 * follows the SQLite store (a full disk, a stopped writer), liveness does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false, rebuildContext = true)
class HealthTest implements SqliteTestDatabase {

  private final TestTokens tokens = new TestTokens()
      .with("ops", Scope.ADMIN)
      .with("app", Scope.USERS_READ, Scope.USERS_WRITE)
      .write();

  @Override
  public Map<String, String> getProperties() {
    return tokens.over(SqliteTestDatabase.super.getProperties());
  }

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Inject
  JsonMapper json;

  private String[] header(String name) {
    return new String[] {"Authorization", tokens.bearer(name)};
  }

  private JsonNode store(HttpResponse<String> health) throws Exception {
    return json.readValue(health.body(), Argument.of(JsonNode.class))
        .get("details")
        .get("store")
        .get("details");
  }

  @Test
  void anUnknownHealthPathIsNotFoundAndNamesNoJavaType() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    for (String path : new String[] {"/health/foo", "/health/LIVENESS", "/health/liveness/x"}) {
      HttpResponse<String> answer = http.get(path, header("ops"));

      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
      JsonNode problem = json.readValue(answer.body(), Argument.of(JsonNode.class));
      assertThat(problem.get("detail").getStringValue()).isEqualTo("No resource at this path");
      assertThat(problem.get("instance").getStringValue()).isEqualTo(path);
      assertThat(answer.body()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+");
    }
    for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
      assertThat(http.get(path, header("ops")).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void theStoreReportsItsWriterQueueAndFreeDiskAndAFullDiskTurnsReadinessDownUntilThereIsRoom()
      throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> up = http.get("/health/readiness", header("ops"));
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(store(up).get("writer").getStringValue()).isEqualTo("writing");
    assertThat(store(up).get("queuedWrites").getIntValue()).isZero();
    assertThat(store(up).get("freeDiskBytes").getLongValue()).isPositive();
    for (String[] notAdmin : new String[][] {header("app"), new String[0]}) {
      HttpResponse<String> statusOnly = http.get("/health/readiness", notAdmin);
      assertThat(statusOnly.statusCode()).isEqualTo(200);
      assertThat(json.readValue(statusOnly.body(), Argument.of(JsonNode.class)).get("details"))
          .isNull();
    }

    SqliteFaultInjection.fillTheDisk(context);
    for (int i = 0; i < 40; i++) {
      http.postJson("/users", "{\"name\": \"" + "y".repeat(190) + i + "\"}", header("app"));
    }
    HttpResponse<String> down = http.get("/health/readiness", header("ops"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(store(down).get("lastWriteFailure").getStringValue()).contains("SQLITE_FULL");
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);

    SqliteFaultInjection.freeTheDisk(context);
    ServerOutageSuite.awaitReady(http, Duration.ofSeconds(30));
    assertThat(store(http.get("/health", header("ops"))).get("writer").getStringValue())
        .isEqualTo("writing");
  }

  @Test
  void aStoppedWriterTurnsReadinessDown() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    SqliteFaultInjection.stopTheWriter(context);

    HttpResponse<String> down = http.get("/health", header("ops"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(store(down).get("writer").getStringValue()).isEqualTo("stopped");
    assertThat(http.postJson("/users", "{\"name\": \"A\"}", header("app")).statusCode())
        .isEqualTo(503);
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
  }
}
