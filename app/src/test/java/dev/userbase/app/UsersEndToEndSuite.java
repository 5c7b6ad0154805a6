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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
  private SpecConformance conformance;

  @BeforeAll
  void readTheServedSpec() {
    conformance = SpecConformance.of(server.getURI());
  }

  @BeforeEach
  void setUp() {
    http = new HttpCalls(server.getURI()).observedBy(conformance);
  }

  /** Every answer this test received is one the published spec allows. */
  @AfterEach
  void answersConformToTheSpec() {
    assertThat(conformance.takeFailures()).isEmpty();
  }

  @AfterAll
  void reportConformance() {
    System.out.printf(
        "%s: %d answers checked against /openapi.json, %d to routes outside it%n",
        getClass().getSimpleName(), conformance.checked(), conformance.outside());
    assertThat(conformance.checked()).isPositive();
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
        http.putJson(location, "{\"name\": \"Bobby\", \"email\": null}", "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(body(http.get(location)).get("name").getStringValue()).isEqualTo("Robert");

    assertThat(http.delete(location, "If-Match", "\"1\"").statusCode()).isEqualTo(412);
    assertThat(http.delete(location, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
    assertThat(http.get(location).statusCode()).isEqualTo(404);
    assertThat(http.delete(location).statusCode()).isEqualTo(404);
    assertThat(http.putJson(location, "{\"name\": \"Ghost\", \"email\": null}").statusCode())
        .isEqualTo(404);
  }

  private String create(String json) {
    HttpResponse<String> created = http.postJson("/users", json);
    assertThat(created.statusCode()).isEqualTo(201);
    return created.headers().firstValue("Location").orElseThrow();
  }

  private static final String MERGE_PATCH = "application/merge-patch+json";

  private HttpResponse<String> patch(String location, String json, String... headers) {
    return http.send("PATCH", location, MERGE_PATCH, json, headers);
  }

  @Test
  void aPatchKeepsChangesAndRemovesFieldsAsAMergePatchDoes() throws IOException {
    String location = create("{\"name\": \"Carol\", \"email\": \"carol@example.com\"}");

    HttpResponse<String> renamed = patch(location, "{\"name\": \"Caroline\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.headers().firstValue("ETag")).contains("\"2\"");
    assertThat(body(renamed).get("name").getStringValue()).isEqualTo("Caroline");
    assertThat(body(renamed).get("email").getStringValue()).isEqualTo("carol@example.com");

    HttpResponse<String> newEmail =
        http.send("PATCH", location, "application/json", "{\"email\": \"CAROL@example.org\"}");
    assertThat(newEmail.statusCode()).isEqualTo(200);
    assertThat(body(newEmail).get("name").getStringValue()).isEqualTo("Caroline");
    assertThat(body(newEmail).get("email").getStringValue()).isEqualTo("carol@example.org");

    HttpResponse<String> noEmail = patch(location, "{\"email\": null}");
    assertThat(noEmail.statusCode()).isEqualTo(200);
    assertThat(body(noEmail).get("email").isNull()).isTrue();
    assertThat(body(noEmail).get("version").getLongValue()).isEqualTo(4);

    HttpResponse<String> nothing = patch(location, "{}");
    assertThat(nothing.statusCode()).isEqualTo(200);
    assertThat(nothing.headers().firstValue("ETag")).contains("\"4\"");
    assertThat(nothing.body()).isEqualTo(http.get(location).body());
  }

  @Test
  void aPatchHonoursIfMatchAndRefusesWhatPutRefuses() throws IOException {
    String location = create("{\"name\": \"Dan\"}");
    create("{\"name\": \"Eve\", \"email\": \"eve@example.com\"}");

    assertThat(patch(location, "{\"name\": \"Daniel\"}", "If-Match", "\"1\"").statusCode())
        .isEqualTo(200);
    HttpResponse<String> stale = patch(location, "{\"name\": \"Dani\"}", "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("ETag")).contains("\"2\"");

    String[][] refused = {
      {"{\"name\": null}", "name"},
      {"{\"name\": \"\"}", "name"},
      {"{\"name\": 5}", "name"},
      {"{\"email\": \"not an email\"}", "email"},
      {"{\"id\": 9}", "id"},
      {"{\"nickname\": \"D\"}", "nickname"},
    };
    for (String[] each : refused) {
      HttpResponse<String> answer = patch(location, each[0]);
      assertThat(answer.statusCode()).as(each[0]).isEqualTo(400);
      assertThat(answer.body()).as(each[0]).contains("\"field\":\"" + each[1] + "\"");
    }
    for (String malformed : new String[] {"", "[]", "{\"name\": \"A\"", "null", "\"x\""}) {
      assertThat(patch(location, malformed).statusCode()).as(malformed).isEqualTo(400);
    }
    assertThat(patch(location, "{\"email\": \"EVE@example.com\"}").statusCode()).isEqualTo(409);
    assertThat(http.send("PATCH", location, "text/plain", "{}").statusCode()).isEqualTo(415);
    assertThat(patch("/users/987654321", "{\"name\": \"Nobody\"}").statusCode()).isEqualTo(404);
    // The body is checked before the user is looked up.
    assertThat(patch("/users/987654321", "{\"name\": null}").statusCode()).isEqualTo(400);
    assertThat(body(http.get(location)).get("version").getLongValue()).isEqualTo(2);
  }

  @Test
  void aGetWithTheCurrentTagIs304AndAfterAChange200() throws IOException {
    String location = create("{\"name\": \"Fay\"}");
    HttpResponse<String> same = http.get(location, "If-None-Match", "\"1\"");
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(same.body()).isEmpty();
    assertThat(http.get(location, "If-None-Match", "W/\"1\", \"7\"").statusCode())
        .isEqualTo(304);
    assertThat(http.get(location, "If-None-Match", "*").statusCode()).isEqualTo(304);

    patch(location, "{\"name\": \"Faye\"}");
    HttpResponse<String> changed = http.get(location, "If-None-Match", "\"1\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).contains("\"2\"");
    assertThat(body(changed).get("name").getStringValue()).isEqualTo("Faye");
  }

  @Test
  void aPutMustCarryBothFieldsAndIsCheckedBeforeTheLookup() throws IOException {
    String location = create("{\"name\": \"Gus\", \"email\": \"gus@example.com\"}");
    HttpResponse<String> noEmail = http.putJson(location, "{\"name\": \"Gustav\"}");
    assertThat(noEmail.statusCode()).isEqualTo(400);
    assertThat(noEmail.body()).contains("\"field\":\"email\"");
    HttpResponse<String> noName = http.putJson(location, "{\"email\": null}");
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body()).contains("\"field\":\"name\"");
    assertThat(body(http.get(location)).get("email").getStringValue()).isEqualTo("gus@example.com");

    assertThat(http.putJson("/users/987654321", "{\"name\": \"Nobody\"}").statusCode())
        .isEqualTo(400);
    assertThat(http.putJson("/users/987654321", "{\"name\": \"Nobody\", \"email\": null}")
            .statusCode())
        .isEqualTo(404);
  }

  @Test
  void ifMatchTakesAListMatchingAnyStrongTagNeverAWeakOneAndStarForAnyUser() throws IOException {
    String location = create("{\"name\": \"Hal\"}");
    String body = "{\"name\": \"Hal\", \"email\": null}";
    assertThat(http.putJson(location, body, "If-Match", "\"7\", \"1\"").statusCode())
        .isEqualTo(200);
    assertThat(http.putJson(location, body, "If-Match", "W/\"2\"").statusCode()).isEqualTo(412);
    assertThat(http.putJson(location, body, "If-Match", "W/\"2\", \"abc\"").statusCode())
        .isEqualTo(412);
    assertThat(http.putJson(location, body, "If-Match", "*").statusCode()).isEqualTo(200);
    assertThat(http.delete(location, "If-Match", "\"1\", \"2\"").statusCode()).isEqualTo(412);
    assertThat(http.delete(location, "If-Match", "\"1\", \"3\"").statusCode()).isEqualTo(204);
    assertThat(http.putJson(location, body, "If-Match", "*").statusCode()).isEqualTo(404);
  }

  @Test
  void aNameSearchFindsPrefixesIgnoringCaseInPagesAndTakesPatternCharactersLiterally()
      throws IOException {
    String tag = "Zq" + Long.toString(System.nanoTime(), 36);
    List<Long> ids = new ArrayList<>();
    for (String suffix : new String[] {"ana", "ALBERT", "abe", "%x", "_y", "bob"}) {
      ids.add(body(http.postJson("/users", "{\"name\": \"" + tag + suffix + "\"}"))
          .get("id")
          .getLongValue());
    }
    String prefix = tag.toUpperCase(java.util.Locale.ROOT) + "a";
    // In the name's order (abe, albert, ana), not the ids'.
    JsonNode first = body(http.get("/users?limit=2&name=" + prefix));
    assertThat(first.get("items").size()).isEqualTo(2);
    assertThat(first.get("items").get(0).get("id").getLongValue()).isEqualTo(ids.get(2));
    assertThat(first.get("items").get(1).get("id").getLongValue()).isEqualTo(ids.get(1));
    String next = first.get("next").getStringValue();
    assertThat(next).contains("name=" + prefix).doesNotContain("after=" + ids.get(1) + "&");
    JsonNode second = body(http.get(next));
    assertThat(second.get("items").size()).isEqualTo(1);
    assertThat(second.get("items").get(0).get("id").getLongValue()).isEqualTo(ids.get(0));
    assertThat(second.get("next").isNull()).isTrue();
    // A search pages by its cursor: an id, or anything else, is not one.
    for (String after : new String[] {Long.toString(ids.get(1)), "not-a-cursor", "YWJj"}) {
      HttpResponse<String> refused = http.get("/users?name=" + prefix + "&after=" + after);
      assertThat(refused.statusCode()).as(after).isEqualTo(400);
      assertThat(refused.body())
          .contains("\"field\":\"after\"")
          .contains("must be the after value of a search's next link");
    }

    JsonNode percent = body(http.get("/users?name=" + tag + "%25"));
    assertThat(percent.get("items").size()).isEqualTo(1);
    assertThat(percent.get("items").get(0).get("id").getLongValue()).isEqualTo(ids.get(3));
    JsonNode underscore = body(http.get("/users?name=" + tag + "_"));
    assertThat(underscore.get("items").size()).isEqualTo(1);
    assertThat(underscore.get("items").get(0).get("id").getLongValue()).isEqualTo(ids.get(4));

    String withEmail = create("{\"name\": \"" + tag + "mail\", \"email\": \""
        + tag.toLowerCase(java.util.Locale.ROOT) + "@example.com\"}");
    JsonNode both = body(http.get("/users?name=" + tag + "m&email=" + tag + "@example.com"));
    assertThat(both.get("items").size()).isEqualTo(1);
    assertThat("/users/" + both.get("items").get(0).get("id").getLongValue()).isEqualTo(withEmail);
    assertThat(body(http.get("/users?name=" + tag + "b&email=" + tag + "@example.com"))
            .get("items")
            .size())
        .isZero();

    HttpResponse<String> empty = http.get("/users?name=");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"field\":\"name\"");
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
        String body = "{\"name\": \"Writer " + i + "\", \"email\": null}";
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
    assertThat(http.send("PATCH", "/users", "application/json", "{}").statusCode())
        .isEqualTo(405);
    assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void noStoreCallIsEverMadeOnANettyEventLoopThread() throws IOException {
    HttpResponse<String> created = http.postJson("/users", "{\"name\": \"Threads\"}");
    String location = created.headers().firstValue("Location").orElseThrow();
    http.get(location);
    http.get("/users?limit=5");
    http.putJson(location, "{\"name\": \"Threads 2\", \"email\": null}");
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
