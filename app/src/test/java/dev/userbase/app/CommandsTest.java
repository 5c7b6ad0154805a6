package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup and restore commands, run as main() runs them, on real files. */
class CommandsTest {

  @TempDir
  Path folder;

  private Path database;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void aDatabaseWithThreeUsers() {
    database = folder.resolve("data/users.db");
    System.setProperty("userbase.sqlite.path", database.toString());
    try (EmbeddedServer server = serve()) {
      HttpCalls http = new HttpCalls(server.getURI());
      for (String name : new String[] {"Ada", "Grace", "Linus"}) {
        assertThat(http.send("POST", "/users?name=" + name, null, null).statusCode())
            .isEqualTo(201);
      }
    }
  }

  @AfterEach
  void clearConfiguration() {
    System.clearProperty("userbase.sqlite.path");
    System.clearProperty("userbase.store");
  }

  private EmbeddedServer serve() {
    return ApplicationContext.run(
        EmbeddedServer.class,
        Map.of("userbase.sqlite.path", database.toString(), "micronaut.server.port", -1));
  }

  private int run(String... args) {
    return Commands.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void backupWritesACheckedCopyAndWillNotOverwriteOneWithoutForce() throws Exception {
    Path copy = folder.resolve("copies/one.db");

    assertThat(run("backup", copy.toString())).isZero();
    assertThat(out.toString())
        .matches("(?s)Backup " + copy + ": [0-9,]+ bytes, 3 users, \\d+ ms, integrity ok\\s*");
    assertThat(SqliteFile.names(copy).values()).containsExactlyInAnyOrder("Ada", "Grace", "Linus");

    assertThat(run("backup", copy.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(copy + " exists; give --force to overwrite it");
    assertThat(run("backup", "--force", copy.toString())).isZero();
  }

  @Test
  void restorePutsTheBackupInPlaceAndKeepsTheFormerDatabaseAside() throws Exception {
    Path copy = folder.resolve("copy.db");
    assertThat(run("backup", copy.toString())).isZero();
    try (EmbeddedServer server = serve()) {
      new HttpCalls(server.getURI()).send("POST", "/users?name=After", null, null);
    }

    assertThat(run("restore", copy.toString())).as(err.toString()).isZero();

    assertThat(SqliteFile.names(database).values())
        .containsExactlyInAnyOrder("Ada", "Grace", "Linus");
    String aside = out.toString().replaceAll("(?s).*the former database is at (\\S+)\\s*", "$1");
    assertThat(SqliteFile.names(Path.of(aside)).values()).contains("After");
    try (EmbeddedServer server = serve()) {
      assertThat(new HttpCalls(server.getURI()).get("/users/1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void restoreRefusesWhatIsNoUserbaseBackupAndChangesNothing() throws Exception {
    Path text = Files.writeString(folder.resolve("notes.db"), "not a database at all");
    Path other = folder.resolve("other.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    }
    Path corrupt = folder.resolve("corrupt.db");
    assertThat(run("backup", corrupt.toString())).isZero();
    byte[] bytes = Files.readAllBytes(corrupt);
    for (int page = 4096; page < bytes.length; page += 4096) {
      for (int i = page; i < page + 12; i++) {
        bytes[i] = (byte) 0x5a; // scribble over every page header but the first
      }
    }
    Files.write(corrupt, bytes);
    byte[] before = Files.readAllBytes(database);

    assertThat(run("restore", text.toString())).isEqualTo(1);
    assertThat(run("restore", other.toString())).isEqualTo(1);
    assertThat(run("restore", corrupt.toString())).isEqualTo(1);

    assertThat(err.toString())
        .contains(text + " is not an SQLite database")
        .contains(other + " is an SQLite database, but not a Userbase one")
        .contains(corrupt + " is damaged");
    assertThat(Files.readAllBytes(database)).isEqualTo(before);
    try (var files = Files.list(database.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(f -> f.contains("before-restore"));
    }
  }

  @Test
  void restoreRefusesWhileAServerHasTheDatabaseOpen() throws Exception {
    Path copy = folder.resolve("copy.db");
    assertThat(run("backup", copy.toString())).isZero();

    try (EmbeddedServer server = serve()) {
      assertThat(run("restore", copy.toString())).isEqualTo(1);
    }

    assertThat(err.toString()).contains("is open in a running Userbase server; stop it first");
  }

  @Test
  void usageErrorsExitTwoAndPostgresPointsToItsOwnTools() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(run("backup")).isEqualTo(2);
    assertThat(err.toString())
        .contains("userbase: Unmatched argument at index 0: 'frobnicate'")
        .contains("Usage: userbase [-hV] [COMMAND]")
        .contains("Usage: userbase backup")
        .doesNotContain("userbase.jar")
        .doesNotContain("Did you mean")
        .contains("  backup ")
        .contains("  restore ")
        .contains("  token ")
        .contains("  export ")
        .contains("  import ");

    System.setProperty("userbase.store", "postgres");
    assertThat(run("backup", folder.resolve("x.db").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("pg_dump").contains("pg_restore");

    System.setProperty("userbase.store", "mariadb");
    assertThat(run("restore", folder.resolve("x.db").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("mariadb-dump --single-transaction");
  }

  @Test
  void versionNamesTheVersionAndTheCommitOfTheBuild() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString().strip())
        .matches("Userbase \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(build [0-9a-f]{7,}(\\+changes)?, "
            + "\\d{4}-\\d{2}-\\d{2}\\)");
  }

  @Test
  void aCommandRefusesAnUnknownStoreExactlyAsTheServerDoes() {
    for (String command : List.of("backup", "restore", "export", "import")) {
      System.setProperty("userbase.store", "mongo");
      err.getBuffer().setLength(0);
      assertThat(run(command, folder.resolve("x.db").toString())).as(command).isEqualTo(1);
      assertThat(err.toString())
          .as(command)
          .contains("userbase.store (USERBASE_STORE) must be one of mariadb, postgres, sqlite,"
              + " not 'mongo'");
    }
  }
}
