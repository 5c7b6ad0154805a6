package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteFaultInjection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Health through micronaut-management, with its details shown (as they will be to the admin
 * scope): readiness follows the SQLite store (a full disk, a stopped writer), liveness does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false, rebuildContext = true)
@Property(name = "endpoints.health.details-visible", value = "ANONYMOUS")
class HealthTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Inject
  JsonMapper json;

  private JsonNode store(HttpResponse<String> health) throws Exception {
    return json.readValue(health.body(), Argument.of(JsonNode.class))
        .get("details")
        .get("store")
        .get("details");
  }

  @Test
  void theStoreReportsItsWriterQueueAndFreeDiskAndAFullDiskTurnsReadinessDownUntilThereIsRoom()
      throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> up = http.get("/health/readiness");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(store(up).get("writer").getStringValue()).isEqualTo("writing");
    assertThat(store(up).get("queuedWrites").getIntValue()).isZero();
    assertThat(store(up).get("freeDiskBytes").getLongValue()).isPositive();

    SqliteFaultInjection.fillTheDisk(context);
    for (int i = 0; i < 40; i++) {
      http.postJson("/users", "{\"name\": \"" + "y".repeat(190) + i + "\"}");
    }
    HttpResponse<String> down = http.get("/health/readiness");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(store(down).get("lastWriteFailure").getStringValue()).contains("SQLITE_FULL");
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);

    SqliteFaultInjection.freeTheDisk(context);
    PostgresOutageTest.awaitReady(http, Duration.ofSeconds(30));
    assertThat(store(http.get("/health")).get("writer").getStringValue()).isEqualTo("writing");
  }

  @Test
  void aStoppedWriterTurnsReadinessDown() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    SqliteFaultInjection.stopTheWriter(context);

    HttpResponse<String> down = http.get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(store(down).get("writer").getStringValue()).isEqualTo("stopped");
    assertThat(http.postJson("/users", "{\"name\": \"A\"}").statusCode()).isEqualTo(503);
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
  }
}
