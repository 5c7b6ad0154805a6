package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.access.Scope;
import dev.userbase.access.TokensFile;
import dev.userbase.api.http.HttpCalls;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control as the shipped server meets it, with its own logging configuration: a bad
 * tokens file stops the start in one line; tokens never reach the log, even with the root logger
 * at DEBUG; every write attempt leaves one audit line; with no tokens, one warning says so.
 */
class AccessProcessTest {

  @TempDir
  Path folder;

  @Test
  void aMalformedOrMissingTokensFileFailsTheStartInOneLineNamingFileAndLine() throws Exception {
    Path tokens = folder.resolve("tokens");
    Files.writeString(
        tokens,
        "# ops\n\nops admin " + "a".repeat(64) + "\nbilling users:read,users:delete "
            + "b".repeat(64) + "\n");
    try (ServerProcess process = ServerProcess.start(
        folder,
        Map.of("USERBASE_SQLITE_PATH", "users.db", "USERBASE_AUTH_TOKENS_FILE", "tokens"))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isNotZero();
      assertFailsInOneLine(
          process,
          "Userbase failed to start: " + tokens.toRealPath()
              + ":4: unknown scope 'users:delete'; the scopes are users:read, users:write, groups:read, groups:write, events:read, admin");
    }
    try (ServerProcess process = ServerProcess.start(
        folder,
        Map.of("USERBASE_SQLITE_PATH", "users.db", "USERBASE_AUTH_TOKENS_FILE", "absent"))) {
      assertThat(process.awaitExit(Duration.ofSeconds(30))).isNotZero();
      assertFailsInOneLine(
          process,
          "Userbase failed to start: tokens file "
              + folder.toRealPath().resolve("absent")
              + " does not exist");
    }
  }

  /** The last line says why; nothing else is a warning, an error or a stack trace. */
  private static void assertFailsInOneLine(ServerProcess process, String line) {
    assertThat(process.output()).last().isEqualTo(line);
    assertThat(process.output())
        .filteredOn(l -> l.contains("WARN")
            || l.contains("ERROR")
            || l.startsWith("\tat ")
            || l.contains("Exception"))
        .isEmpty();
  }

  @Test
  void noTokenOrHashReachesTheLogAndEveryWriteAttemptIsAudited() throws Exception {
    TestTokens tokens = new TestTokens()
        .with("writer", Scope.USERS_READ, Scope.USERS_WRITE)
        .with("reader", Scope.USERS_READ)
        .with("grouper", Scope.GROUPS_WRITE)
        .write();
    String unknown = TokensFile.newToken();
    try (ServerProcess process = ServerProcess.start(
        folder,
        Map.of(
            "USERBASE_SQLITE_PATH", "users.db",
            "USERBASE_AUTH_TOKENS_FILE", tokens.file().toString(),
            "USERBASE_HTTP_ACCESS_LOG", "true",
            "LOGGER_LEVELS_ROOT", "DEBUG"))) {
      process.awaitServing(Duration.ofSeconds(60));
      HttpCalls http = new HttpCalls(process.uri());
      String[] writer = {"Authorization", tokens.bearer("writer")};
      HttpResponse<String> created = http.postJson("/users", "{\"name\":\"Audited\"}", writer);
      assertThat(created.statusCode()).isEqualTo(201);
      String user = created.headers().firstValue("Location").orElseThrow();
      String id = user.substring("/users/".length());
      assertThat(http.putJson(user, "{\"name\":\"Audited 2\",\"email\":null}", writer)
              .statusCode())
          .isEqualTo(200);
      String[] grouper = {"Authorization", tokens.bearer("grouper")};
      HttpResponse<String> group = http.postJson("/groups", "{\"name\":\"Audited\"}", grouper);
      assertThat(group.statusCode()).isEqualTo(201);
      String groupPath = group.headers().firstValue("Location").orElseThrow();
      String groupId = groupPath.substring("/groups/".length());
      String membership = groupPath + "/members/" + id;
      assertThat(http.send("PUT", membership, null, null, grouper).statusCode()).isEqualTo(201);
      assertThat(http.delete(groupPath, grouper).statusCode()).isEqualTo(204);
      assertThat(http.delete(user, "Authorization", tokens.bearer("reader")).statusCode())
          .isEqualTo(403);
      assertThat(http.delete(user, "Authorization", "Bearer " + unknown).statusCode())
          .isEqualTo(401);
      assertThat(http.delete(user, writer).statusCode()).isEqualTo(204);
      process.terminate();
      assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();

      String log = String.join("\n", process.output());
      assertThat(log).contains("DEBUG");
      for (String secret : new String[] {
        tokens.token("writer"),
        tokens.token("reader"),
        unknown,
        TokensFile.sha256(tokens.token("writer")),
        TokensFile.sha256(tokens.token("reader")),
        TokensFile.TOKEN_PREFIX
      }) {
        assertThat(log).doesNotContain(secret);
      }
      assertThat(process.output())
          .filteredOn(line -> line.contains("userbase.audit"))
          .extracting(line -> line.substring(line.indexOf("actor=")))
          .containsExactly(
              "actor=writer method=POST path=/users user=" + id
                  + " group=- status=201 outcome=done",
              "actor=writer method=PUT path=" + user + " user=" + id
                  + " group=- status=200 outcome=done",
              "actor=grouper method=POST path=/groups user=- group=" + groupId
                  + " status=201 outcome=done",
              "actor=grouper method=PUT path=" + membership + " user=" + id + " group=" + groupId
                  + " status=201 outcome=done",
              "actor=grouper method=DELETE path=" + groupPath + " user=- group=" + groupId
                  + " status=204 outcome=done",
              "actor=reader method=DELETE path=" + user + " user=" + id
                  + " group=- status=403 outcome=refused",
              "actor=anonymous method=DELETE path=" + user + " user=" + id
                  + " group=- status=401 outcome=refused",
              "actor=writer method=DELETE path=" + user + " user=" + id
                  + " group=- status=204 outcome=done");
    }
  }

  @Test
  void withNoTokensOneWarningAtStartSaysSo() throws Exception {
    try (ServerProcess process =
        ServerProcess.start(folder, Map.of("USERBASE_SQLITE_PATH", "users.db"))) {
      process.awaitServing(Duration.ofSeconds(60));
      process.terminate();
      assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(process.output())
          .filteredOn(line -> line.contains("No tokens configured"))
          .singleElement()
          .satisfies(line -> assertThat(line)
              .contains("WARN")
              .contains("loopback clients only")
              .contains("401"));
    }
  }
}
