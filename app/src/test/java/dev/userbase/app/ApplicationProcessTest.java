package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real main() in its own JVM, as an operator would, and reads what it prints. */
class ApplicationProcessTest {

  @TempDir
  Path folder;

  private ServerProcess launch(Path databasePath) throws IOException {
    return ServerProcess.start(folder, Map.of("USERBASE_SQLITE_PATH", databasePath.toString()));
  }

  @Test
  void anUnusableLocationFailsFastWithOneLineNamingTheAbsolutePath() throws Exception {
    Files.writeString(folder.resolve("blocker"), "a file where a folder should be");
    Path wanted = folder.resolve("blocker/users.db");

    try (ServerProcess process = launch(Path.of("blocker/users.db"))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isNotZero();
      assertThat(process.output())
          .containsExactly("Userbase failed to start: Cannot use SQLite database "
              + wanted.toAbsolutePath()
              + ": cannot create folder "
              + folder.resolve("blocker").toAbsolutePath()
              + ": a file of that name is in the way");
    }
  }

  @Test
  void anUnreachablePostgresFailsFastWithOneLineNamingTheHost() throws Exception {
    int closedPort = ServerProcess.freePort();
    try (ServerProcess process = ServerProcess.start(
        folder,
        Map.of(
            "USERBASE_STORE", "postgres",
            "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/users",
            "DATASOURCES_DEFAULT_USERNAME", "postgres",
            "DATASOURCES_DEFAULT_PASSWORD", "not-to-be-printed"))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isNotZero();
      List<String> printed = process.output();
      assertThat(printed).hasSize(1);
      assertThat(printed.get(0))
          .startsWith("Userbase failed to start: Cannot use PostgreSQL database 127.0.0.1:"
              + closedPort
              + "/users: ")
          .contains("refused")
          .doesNotContain("not-to-be-printed");
    }
  }

  @Test
  void anUnknownStoreFailsFastNamingTheSetting() throws Exception {
    try (ServerProcess process = ServerProcess.start(folder, Map.of("USERBASE_STORE", "mysql"))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isNotZero();
      assertThat(process.output())
          .containsExactly(
              "Userbase failed to start: userbase.store (USERBASE_STORE) must be one of mariadb, postgres, sqlite, not 'mysql'");
    }
  }

  @Test
  void theServerLogsItsDatabaseServesTheGuidesRequestsAndStopsCleanly() throws Exception {
    Path database = folder.resolve("data/userbase.db").toAbsolutePath();
    try (ServerProcess process = launch(Path.of("data/userbase.db"))) {
      process.awaitServing(Duration.ofSeconds(60));
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> created = client.send(
          HttpRequest.newBuilder(process.uri().resolve("/users/?name=Alice"))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      HttpResponse<String> read = client.send(
          HttpRequest.newBuilder(process.uri().resolve("/users/1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("\"name\":\"Alice\"");

      process.terminate();
      assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(process.output())
          .anySatisfy(line -> assertThat(line)
              .contains("SQLite database " + database + " (journal_mode=wal, synchronous=FULL"))
          .anySatisfy(line -> assertThat(line).contains("SQLite database " + database + " closed"))
          .anySatisfy(line -> assertThat(line)
              .containsPattern("Userbase \\S+ \\(build \\w+")
              .contains("ready at http://localhost:" + process.uri().getPort()
                  + " (listening on every interface; micronaut.server.host narrows it)")
              .containsPattern(
                  "store sqlite at " + java.util.regex.Pattern.quote(database.toString())
                      + ", started in \\d+\\.\\d\\d s$"));
    }
    assertThat(database).exists();
  }

  @Test
  void jsonLogsWithTheAccessLogCarryEachRequestsId() throws Exception {
    try (ServerProcess process = ServerProcess.start(
        folder,
        Map.of(
            "USERBASE_SQLITE_PATH", "users.db",
            "USERBASE_LOG_FORMAT", "json",
            "USERBASE_HTTP_ACCESS_LOG", "true"))) {
      process.awaitServing(Duration.ofSeconds(60));
      HttpResponse<String> answer = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(process.uri().resolve("/users/77"))
                  .header("X-Request-Id", "json-log-1")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(404);
      process.terminate();
      assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(process.output())
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":").endsWith("}"))
          .anySatisfy(line -> assertThat(line)
              .contains("\"loggerName\":\"userbase.access\"")
              .contains("\"mdc\": {\"requestId\":\"json-log-1\"}")
              .contains("GET \\/users\\/77 404"));
    }
  }
}
