package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One script of requests against SQLite, PostgreSQL and MariaDB: statuses, headers and bodies must
 * be identical once ids and timestamps, which may differ, are replaced by placeholders.
 */
class StoreParityTest {

  private static final Pattern TIMESTAMP = Pattern.compile("\"(createdAt|updatedAt)\":\"[^\"]+\"");
  private static final Pattern ID = Pattern.compile("(\"id\":|/users/|after=)(\\d+)");

  @TempDir
  Path folder;

  @Test
  void everyStoreAnswersTheSameScriptIdentically() {
    Map<String, Object> sqlite = Map.of(
        "userbase.store",
        "sqlite",
        "userbase.sqlite.path",
        folder.resolve("users.db").toString(),
        "micronaut.server.port",
        -1);
    List<String> onSqlite = runScript(sqlite);
    List<String> stores = new ArrayList<>(List.of("sqlite"));
    for (TestServer store :
        List.<TestServer>of(PostgresTestServer.get(), MariadbTestServer.get())) {
      String database = store.newDatabase();
      Map<String, Object> properties = new HashMap<>(store.properties(database));
      properties.put("micronaut.server.port", -1);
      List<String> onServer;
      try {
        onServer = runScript(properties);
      } finally {
        store.dropDatabase(database);
      }
      assertThat(onServer).hasSize(onSqlite.size()).hasSizeGreaterThan(25);
      for (int i = 0; i < onSqlite.size(); i++) {
        assertThat(onServer.get(i))
            .as(store.store() + ", step " + (i + 1))
            .isEqualTo(onSqlite.get(i));
      }
      stores.add(store.store());
    }
    System.out.println("Parity, step by step: the same status, headers and body on " + stores);
    for (int i = 0; i < onSqlite.size(); i++) {
      String answer = onSqlite.get(i);
      System.out.printf("%2d  %s%n", i + 1, answer.substring(0, Math.min(answer.length(), 110)));
    }
  }

  private static List<String> runScript(Map<String, Object> properties) {
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      return runScript(new HttpCalls(server.getURI()));
    }
  }

  /** Runs the script and returns each answer, normalised, as one line of text. */
  private static List<String> runScript(HttpCalls http) {
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(http.send("POST", "/users/?name=Alice", null, null));
    String alice = location(answers.get(0));
    answers.add(http.postJson("/users", "{\"name\": \"Bob\", \"email\": \"BOB@example.com\"}"));
    String bob = location(answers.get(1));
    answers.add(http.postJson("/users", "{\"name\": \"Bobby\", \"email\": \"bob@example.com\"}"));
    answers.add(http.postJson("/users", "{\"name\": \"Carol\", \"email\": \"carol@example.com\"}"));
    answers.add(http.get(alice));
    answers.add(http.get(bob + "/"));
    answers.add(http.get("/users?limit=2"));
    answers.add(http.get("/users?limit=2&after=" + id(bob)));
    answers.add(http.get("/users?email=carol@example.com"));
    answers.add(http.putJson(
        alice, "{\"name\": \"Alicia\", \"email\": \"alice@example.com\"}", "If-Match", "\"1\""));
    answers.add(http.putJson(alice, "{\"name\": \"Stale\", \"email\": null}", "If-Match", "\"1\""));
    answers.add(http.putJson(alice, "{\"name\": \"Alicia\", \"email\": \"carol@example.com\"}"));
    answers.add(http.putJson(alice, "{\"name\": \"Alicia\", \"email\": null}"));
    answers.add(http.putJson(bob, "{\"name\": 2}"));
    answers.add(http.putJson(bob, "{\"name\": \"B\", \"version\": 9}"));
    answers.add(http.postJson("/users", "{\"name\": "));
    answers.add(http.postJson("/users", "{\"name\": \"" + "x".repeat(201) + "\"}"));
    answers.add(http.send("POST", "/users", "text/plain", "Alice"));
    answers.add(http.get("/users/abc"));
    answers.add(http.get("/users/0"));
    answers.add(http.get("/users/99999999999999999999"));
    answers.add(http.get("/users?limit=501"));
    answers.add(http.send("PATCH", alice, "application/json", "{}"));
    answers.add(http.get("/no/such/route"));
    answers.add(http.delete(bob, "If-Match", "\"7\""));
    answers.add(http.delete(bob, "If-Match", "\"1\""));
    answers.add(http.delete(bob));
    answers.add(http.get(bob));
    answers.add(http.get("/users"));
    answers.add(http.get("/health"));
    Map<String, String> ids = new LinkedHashMap<>();
    return answers.stream().map(answer -> normalise(answer, ids)).toList();
  }

  private static String location(HttpResponse<String> created) {
    return created.headers().firstValue("Location").orElseThrow();
  }

  private static String id(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String normalise(HttpResponse<String> answer, Map<String, String> ids) {
    String text = answer.statusCode()
        + " location="
        + answer.headers().firstValue("Location").orElse("-")
        + " etag="
        + answer.headers().firstValue("ETag").orElse("-")
        + " type="
        + answer.headers().firstValue("Content-Type").orElse("-")
        + " body="
        + answer.body();
    text = TIMESTAMP.matcher(text).replaceAll("\"$1\":\"<time>\"");
    // Each request gets an id of its own.
    text = text.replaceAll("\"requestId\":\"[0-9a-f]+\"", "\"requestId\":\"<request>\"");
    Matcher m = ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String placeholder = ids.computeIfAbsent(m.group(2), k -> "<id" + (ids.size() + 1) + ">");
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + placeholder));
    }
    m.appendTail(out);
    return out.toString();
  }
}
