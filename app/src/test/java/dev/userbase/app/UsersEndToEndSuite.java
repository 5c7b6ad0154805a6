package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole service over real HTTP. Each store runs this suite on a fresh database of its own; the
 * same assertions hold on every store. The tests run in a random order: none depends on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
abstract class UsersEndToEndSuite {

  @Inject
  EmbeddedServer server;

  @Inject
  JsonMapper json;

  @Inject
  JdbcThreadRecorder jdbcThreads;

  @Inject
  StoreCallRecorder storeCalls;

  private HttpCalls http;

  @BeforeEach
  void setUp() {
    http = new HttpCalls(server.getURI());
  }

  private JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.of(JsonNode.class));
  }

  @Test
  void theGuidesCreateThenReadWorks() throws IOException {
    HttpResponse<String> created = http.send("POST", "/users/?name=Alice", null, null);
    assertThat(created.statusCode()).isEqualTo(201);
    long id = body(created).get("id").getLongValue();
    assertThat(created.headers().firstValue("Location")).contains("/users/" + id);

    HttpResponse<String> read = http.get("/users/" + id);

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(body(read).get("name").getStringValue()).isEqualTo("Alice");
    assertThat(read.body()).isEqualTo(created.body());
  }

  @Test
  void aUserLivesThroughCreateReadListUpdateAndDelete() throws IOException {
    HttpResponse<String> created =
        http.postJson("/users", "{\"name\": \"Bob\", \"email\": \"Bob@Example.com\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    long id = body(created).get("id").getLongValue();
    assertThat(body(created).get("email").getStringValue()).isEqualTo("bob@example.com");

    assertThat(http.get(location).headers().firstValue("ETag")).contains("\"1\"");
    assertThat(body(http.get("/users?email=BOB@example.com"))
            .get("items")
            .get(0)
            .get("id")
            .getLongValue())
        .isEqualTo(id);

    HttpResponse<String> updated = http.putJson(
        location, "{\"name\": \"Robert\", \"email\": \"bob@example.com\"}", "If-Match", "\"1\"");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).contains("\"2\"");
    assertThat(body(updated).get("name").getStringValue()).isEqualTo("Robert");
    assertThat(body(updated).get("createdAt").getStringValue())
        .isEqualTo(body(created).get("createdAt").getStringValue());

    HttpResponse<String> stale =
        http.putJson(location, "{\"name\": \"Bobby\"}", "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(body(http.get(location)).get("name").getStringValue()).isEqualTo("Robert");

    assertThat(http.delete(location, "If-Match", "\"1\"").statusCode()).isEqualTo(412);
    assertThat(http.delete(location, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
    assertThat(http.get(location).statusCode()).isEqualTo(404);
    assertThat(http.delete(location).statusCode()).isEqualTo(404);
    assertThat(http.putJson(location, "{\"name\": \"Ghost\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void aTakenEmailIs409OnCreateAndUpdateAndChangesNothing() throws IOException {
    assertThat(http.postJson("/users", "{\"name\": \"C\", \"email\": \"c@example.com\"}")
            .statusCode())
        .isEqualTo(201);
    HttpResponse<String> d =
        http.postJson("/users", "{\"name\": \"D\", \"email\": \"d@example.com\"}");

    assertThat(http.postJson("/users", "{\"name\": \"C2\", \"email\": \"C@example.com\"}")
            .statusCode())
        .isEqualTo(409);
    String location = d.headers().firstValue("Location").orElseThrow();
    assertThat(http.putJson(location, "{\"name\": \"D\", \"email\": \"c@example.com\"}")
            .statusCode())
        .isEqualTo(409);
    assertThat(body(http.get(location)).get("version").getLongValue()).isEqualTo(1);
    assertThat(body(http.get("/users?email=c@example.com")).get("items").size()).isEqualTo(1);
  }

  @Test
  void twoHundredConcurrentCreatesFrom64ThreadsAllSucceed() throws Exception {
    long before = countUsers();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        String body = "{\"name\": \"Load " + i + "\", \"email\": \"load" + i + "@example.com\"}";
        answers.add(pool.submit(() -> http.postJson("/users", body)));
      }
      Set<Long> ids = new HashSet<>();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ids.add(body(response).get("id").getLongValue());
      }
      assertThat(ids).hasSize(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(countUsers()).isEqualTo(before + 200);
  }

  @Test
  void fiftyParallelCreatesWithOneEmailGiveOne201And49ConflictsAndOneRow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        String body = "{\"name\": \"Racer " + i + "\", \"email\": \"race@example.com\"}";
        answers.add(pool.submit(() -> http.postJson("/users", body)));
      }
      int created = 0;
      int conflicts = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 201) {
          created++;
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
          assertThat(response.headers().firstValue("Content-Type"))
              .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
          assertThat(body(response).get("type").getStringValue()).endsWith("email-taken");
          conflicts++;
        }
      }
      assertThat(created).isEqualTo(1);
      assertThat(conflicts).isEqualTo(49);
    } finally {
      pool.shutdownNow();
    }
    assertThat(body(http.get("/users?email=race@example.com")).get("items").size())
        .isEqualTo(1);
  }

  @Test
  void unconditionalPutsFrom16ClientsAllWinInTurnAndNoneIs412() throws Exception {
    HttpResponse<String> created = http.postJson("/users", "{\"name\": \"Contended\"}");
    String location = created.headers().firstValue("Location").orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 160; i++) {
        String body = "{\"name\": \"Writer " + i + "\"}";
        answers.add(pool.submit(() -> http.putJson(location, body)));
      }
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    // Last write wins, and every write counted: no update was lost or refused.
    assertThat(body(http.get(location)).get("version").getLongValue()).isEqualTo(161);
  }

  @Test
  void listingPagesByKeyVisitsEveryUserOnceInIdOrder() throws IOException {
    long total = countUsers();
    List<Long> seen = new ArrayList<>();
    String next = "/users?limit=7";
    while (next != null) {
      JsonNode page = body(http.get(next));
      page.get("items").values().forEach(item -> seen.add(item.get("id").getLongValue()));
      next = page.get("next").isNull() ? null : page.get("next").getStringValue();
    }
    assertThat(seen).hasSize((int) total).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void healthIsUpWhenTheDatabaseAnswers() throws IOException {
    HttpResponse<String> health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(http.get("/health/").statusCode()).isEqualTo(200);
    assertThat(http.get("/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void badInputIsA4xxProblemNeverA5xx() throws IOException {
    assertThat(http.postJson("/users", "{\"name\": \"A\", \"pad\": \"" + "x".repeat(70_000) + "\"}")
            .statusCode())
        .isEqualTo(413);
    assertThat(http.get("/users/99999999999999999999").statusCode()).isEqualTo(400);
    assertThat(http.get("/users?limit=100000").statusCode()).isEqualTo(400);
    assertThat(http.send("POST", "/users", "text/plain", "Alice").statusCode()).isEqualTo(415);
    assertThat(http.postJson("/users", "{\"name\": ").statusCode()).isEqualTo(400);
    assertThat(http.send("PATCH", "/users/1", "application/json", "{}").statusCode())
        .isEqualTo(405);
    assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void noStoreCallIsEverMadeOnANettyEventLoopThread() throws IOException {
    HttpResponse<String> created = http.postJson("/users", "{\"name\": \"Threads\"}");
    String location = created.headers().firstValue("Location").orElseThrow();
    http.get(location);
    http.get("/users?limit=5");
    http.putJson(location, "{\"name\": \"Threads 2\"}");
    http.get("/health");
    http.delete(location);

    assertThat(storeCalls.threads()).isNotEmpty();
    assertThat(storeCalls.threads()).noneMatch(name -> name.toLowerCase().contains("eventloop"));
    assertThat(jdbcThreads.threads()).isNotEmpty();
    assertThat(jdbcThreads.threads()).noneMatch(name -> name.toLowerCase().contains("eventloop"));
  }

  private long countUsers() throws IOException {
    long count = 0;
    String next = "/users?limit=500";
    while (next != null) {
      JsonNode page = body(http.get(next));
      count += page.get("items").size();
      next = page.get("next").isNull() ? null : page.get("next").getStringValue();
    }
    return count;
  }
}
