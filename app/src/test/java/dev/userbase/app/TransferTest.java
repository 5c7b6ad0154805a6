package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export and import, run as main() runs them, on real stores: round trips byte for byte on each
 * store, the SQLite-to-PostgreSQL move through a pipe, and every kind of bad input refused with
 * the line named and nothing imported.
 */
class TransferTest {

  @TempDir
  Path folder;

  private static final List<String> STORES = List.of("sqlite", "postgres", "mariadb");
  private final Map<String, TestServer> servers =
      Map.of("postgres", PostgresTestServer.get(), "mariadb", MariadbTestServer.get());
  private final List<Runnable> drops = new java.util.ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void clean() {
    for (String key : List.of(
        "userbase.store",
        "userbase.sqlite.path",
        "datasources.default.url",
        "datasources.default.username",
        "datasources.default.password",
        "datasources.default.schema")) {
      System.clearProperty(key);
    }
    drops.forEach(Runnable::run);
  }

  /** Settings of a fresh store of the given kind. */
  private Map<String, String> store(String kind) {
    Map<String, String> settings = new HashMap<>();
    if (kind.equals("sqlite")) {
      settings.put("userbase.store", "sqlite");
      settings.put(
          "userbase.sqlite.path",
          folder.resolve("s" + System.nanoTime() + ".db").toString());
    } else {
      TestServer server = servers.get(kind);
      String database = server.newDatabase();
      drops.add(() -> server.dropDatabase(database));
      server.properties(database).forEach((k, v) -> {
        if (k.startsWith("userbase.store")
            || k.startsWith("datasources.default.url")
            || k.startsWith("datasources.default.username")
            || k.startsWith("datasources.default.password")
            || k.startsWith("datasources.default.schema")) {
          settings.put(k, v.toString());
        }
      });
      settings.remove("datasources.default.schema-generate");
    }
    return settings;
  }

  private int run(Map<String, String> store, String... args) {
    store.forEach(System::setProperty);
    try {
      return Commands.run(args, new PrintWriter(out), new PrintWriter(err));
    } finally {
      store.keySet().forEach(System::clearProperty);
    }
  }

  /**
   * Users, groups and memberships made through the API: names of every script, emails, updates,
   * a deleted user and a deleted group whose memberships went with them. 4 users, 2 groups and 4
   * memberships are left: 10 lines.
   */
  private void seed(Map<String, String> store) {
    Map<String, Object> properties = new HashMap<>(store);
    properties.put("micronaut.server.port", -1);
    properties.put("datasources.default.schema-generate", "NONE");
    properties.put("datasources.sqlite-reader.schema-generate", "NONE");
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      HttpCalls http = new HttpCalls(server.getURI());
      String[] names = {"Ada", "Ödön Ürge", "李小龍", "José \\\"Pepe\\\"", "Zoë, the 2nd"};
      for (int i = 0; i < names.length; i++) {
        HttpResponse<String> created = http.postJson(
            "/users",
            "{\"name\": \"" + names[i] + "\", \"email\": "
                + (i % 2 == 0 ? "\"u" + i + "@example.com\"" : "null") + "}");
        assertThat(created.statusCode()).isEqualTo(201);
      }
      http.send("PATCH", "/users/2", "application/merge-patch+json", "{\"name\": \"Ödön\"}");
      for (String group : new String[] {
        "{\"name\": \"Admins\", \"description\": \"Run \\\"the\\\" place\"}",
        "{\"name\": \"Ops\"}",
        "{\"name\": \"Gone\"}"
      }) {
        assertThat(http.postJson("/groups", group).statusCode()).isEqualTo(201);
      }
      for (String member : new String[] {
        "1/members/1", "1/members/3", "1/members/4", "2/members/5", "2/members/2", "3/members/1"
      }) {
        assertThat(http.send("PUT", "/groups/" + member, null, null).statusCode())
            .isEqualTo(201);
      }
      http.send(
          "PATCH", "/groups/2", "application/merge-patch+json", "{\"description\": \"Nights\"}");
      assertThat(http.delete("/groups/3").statusCode()).isEqualTo(204);
      http.delete("/users/3");
    }
  }

  private long count(Path export) throws Exception {
    try (var lines = Files.lines(export)) {
      return lines.count();
    }
  }

  @Test
  void anExportImportedIntoAnEmptyStoreExportsTheSameBytesOnEachStore() throws Exception {
    for (String kind : STORES) {
      Map<String, String> source = store(kind);
      seed(source);
      Path first = folder.resolve(kind + "-1.ndjson");
      assertThat(run(source, "export", first.toString())).as(err.toString()).isZero();
      assertThat(count(first)).isEqualTo(10);
      assertThat(Files.readString(first))
          .contains("\"id\":2,\"name\":\"Ödön\"")
          .contains("\"version\":2")
          .doesNotContain("\"id\":3,")
          .contains(
              "{\"group\":{\"id\":1,\"name\":\"Admins\",\"description\":\"Run \\\"the\\\" place\"")
          .contains("{\"group\":{\"id\":2,\"name\":\"Ops\",\"description\":\"Nights\"")
          .endsWith("{\"membership\":{\"groupId\":1,\"userId\":1}}\n"
              + "{\"membership\":{\"groupId\":1,\"userId\":4}}\n"
              + "{\"membership\":{\"groupId\":2,\"userId\":2}}\n"
              + "{\"membership\":{\"groupId\":2,\"userId\":5}}\n");

      Map<String, String> target = store(kind);
      assertThat(run(target, "import", first.toString())).as(err.toString()).isZero();
      Path second = folder.resolve(kind + "-2.ndjson");
      assertThat(run(target, "export", second.toString())).isZero();
      assertThat(Files.readAllBytes(second)).as(kind).isEqualTo(Files.readAllBytes(first));
    }
    assertThat(err.toString())
        .contains("Imported 4 users, 2 groups and 4 memberships in")
        .contains("Exported 4 users, 2 groups and 4 memberships in");
  }

  @Test
  void anExportFromASqliteFileThatDoesNotExistFailsNamingItAndMakesNothing() throws Exception {
    Map<String, String> mistyped = store("sqlite");
    Path database = Path.of(mistyped.get("userbase.sqlite.path")).toAbsolutePath();
    Path out = folder.resolve("nothing.ndjson");

    assertThat(run(mistyped, "export", out.toString())).isEqualTo(1);

    assertThat(err.toString()).contains("no database at " + database);
    assertThat(database).doesNotExist();
    assertThat(out).doesNotExist();
  }

  @Test
  void theMoveWorksFromEveryStoreIntoEveryOtherWithByteIdenticalExports() throws Exception {
    Map<String, String> seeded = store("sqlite");
    seed(seeded);
    Path original = folder.resolve("original.ndjson");
    assertThat(run(seeded, "export", original.toString())).as(err.toString()).isZero();
    byte[] expected = Files.readAllBytes(original);
    for (String from : STORES) {
      Map<String, String> source = store(from);
      assertThat(run(source, "import", original.toString())).as(err.toString()).isZero();
      Path out = folder.resolve("from-" + from + ".ndjson");
      assertThat(run(source, "export", out.toString())).as(err.toString()).isZero();
      assertThat(Files.readAllBytes(out)).as("export of " + from).isEqualTo(expected);
      for (String to : STORES) {
        if (to.equals(from)) {
          continue;
        }
        Map<String, String> target = store(to);
        assertThat(run(target, "import", out.toString())).as(err.toString()).isZero();
        Path moved = folder.resolve(from + "-to-" + to + ".ndjson");
        assertThat(run(target, "export", moved.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(moved)).as(from + " to " + to).isEqualTo(expected);
      }
    }
  }

  @Test
  void aHundredThousandUsersAndTheirMembershipsMoveFromSqliteToPostgresThroughAPipe()
      throws Exception {
    Path generated = folder.resolve("many.ndjson");
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 100_000; i++) {
      lines
          .append("{\"id\":")
          .append(i * 3L)
          .append(",\"name\":\"User ")
          .append(i)
          .append("\",\"email\":\"user")
          .append(i)
          .append("@example.com\",\"createdAt\":")
          .append("\"2026-01-01T00:00:00.123Z\",\"updatedAt\":\"2026-02-01T00:00:00.456Z\",")
          .append("\"version\":")
          .append(1 + i % 5)
          .append("}\n");
    }
    // 50 groups of 2,000 members each: 100,000 memberships, across the import's transactions.
    for (int g = 1; g <= 50; g++) {
      lines.append("{\"group\":{\"id\":").append(g * 7).append(",\"name\":\"Team ");
      lines.append(g).append("\"}}\n");
    }
    for (int g = 1; g <= 50; g++) {
      for (int m = 0; m < 2_000; m++) {
        long user = 3L * (1 + (g * 1_999L + m) % 100_000);
        lines.append("{\"membership\":{\"groupId\":").append(g * 7).append(",\"userId\":");
        lines.append(user).append("}}\n");
      }
    }
    Files.writeString(generated, lines);
    Map<String, String> sqlite = store("sqlite");
    assertThat(run(sqlite, "import", generated.toString())).as(err.toString()).isZero();
    Map<String, String> pg = store("postgres");

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = ServerProcess.productionClassPath();
    String command = String.join(
        " ",
        environment(sqlite),
        quote(java),
        "-cp",
        quote(classPath),
        Application.class.getName(),
        "export",
        "|",
        environment(pg),
        quote(java),
        "-cp",
        quote(classPath),
        Application.class.getName(),
        "import",
        "-");
    // Output to a file, so that the wait below is the only one, and it is bounded.
    Path log = folder.resolve("pipe.log");
    Process pipe = new ProcessBuilder("sh", "-c", command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean ended = pipe.waitFor(300, TimeUnit.SECONDS);
    if (!ended) {
      pipe.descendants().forEach(ProcessHandle::destroyForcibly);
      pipe.destroyForcibly();
    }
    String said = Files.readString(log);
    assertThat(ended).as("the pipe ended within 300 s: " + said).isTrue();
    System.out.println("SQLite -> PostgreSQL through a pipe:\n" + said.strip());
    assertThat(pipe.exitValue()).as(said).isZero();

    Path fromSqlite = folder.resolve("sqlite.ndjson");
    Path fromPostgres = folder.resolve("postgres.ndjson");
    assertThat(run(sqlite, "export", fromSqlite.toString())).isZero();
    assertThat(run(pg, "export", fromPostgres.toString())).isZero();
    assertThat(count(fromPostgres)).isEqualTo(200_050);
    assertThat(Files.readAllBytes(fromPostgres)).isEqualTo(Files.readAllBytes(fromSqlite));

    Map<String, Object> properties = new HashMap<>(pg);
    properties.put("micronaut.server.port", -1);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      HttpResponse<String> created =
          new HttpCalls(server.getURI()).postJson("/users", "{\"name\": \"After the move\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("Location")).contains("/users/300001");
      HttpResponse<String> group =
          new HttpCalls(server.getURI()).postJson("/groups", "{\"name\": \"After the move\"}");
      assertThat(group.statusCode()).isEqualTo(201);
      assertThat(group.headers().firstValue("Location")).contains("/groups/351");
    }
  }

  @Test
  void anImportBesideARunningServerGoesInWhileTheServerKeepsWriting() throws Exception {
    Map<String, String> sqlite = store("sqlite");
    Path generated = folder.resolve("beside.ndjson");
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 60_000; i++) {
      lines
          .append("{\"id\":")
          .append(i + 10)
          .append(",\"name\":\"User ")
          .append(i)
          .append("\",\"email\":\"beside")
          .append(i)
          .append("@example.com\"}\n");
    }
    lines.append("{\"group\":{\"id\":5,\"name\":\"Imported\"}}\n");
    for (int i = 1; i <= 3_000; i++) {
      lines.append("{\"membership\":{\"groupId\":5,\"userId\":").append(i + 10).append("}}\n");
    }
    Files.writeString(generated, lines);
    Map<String, Object> properties = new HashMap<>(sqlite);
    properties.put("micronaut.server.port", -1);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      HttpCalls http = new HttpCalls(server.getURI());
      assertThat(http.postJson("/users", "{\"name\": \"Before\"}").statusCode()).isEqualTo(201);
      // The server holds the file: the import cannot be one transaction, and goes in between.
      assertThat(run(sqlite, "import", generated.toString())).as(err.toString()).isZero();
      assertThat(err.toString()).contains("Imported 60,000 users, 1 group and 3,000 memberships");
      HttpResponse<String> after = http.postJson("/users", "{\"name\": \"After\"}");
      assertThat(after.statusCode()).isEqualTo(201);
      assertThat(after.headers().firstValue("Location")).contains("/users/60011");
      assertThat(http.get("/users/60010").body()).contains("beside60000@example.com");
      assertThat(http.get("/groups/5/members?after=3009").body())
          .contains("\"id\":3010,")
          .doesNotContain("\"id\":3009,");
    }
  }

  private static String environment(Map<String, String> settings) {
    StringBuilder env = new StringBuilder("env");
    settings.forEach((key, value) -> env.append(' ')
        .append(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'))
        .append('=')
        .append(quote(value)));
    return env.toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  @Test
  void badInputIsRefusedNamingItsLineAndNothingIsImported() throws Exception {
    Map<String, String> sqlite = store("sqlite");
    seed(sqlite);
    String good = "{\"name\":\"Fine\",\"email\":\"fine@example.com\"}\n";
    Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
    bad.put(
        "malformed.ndjson", (good + "{\"name\": \"Broken\"\n").getBytes(StandardCharsets.UTF_8));
    bad.put(
        "email.ndjson",
        (good + "{\"name\":\"X\",\"email\":\"not an email\"}\n").getBytes(StandardCharsets.UTF_8));
    bad.put(
        "id.ndjson",
        (good + "{\"id\":1,\"name\":\"Taken id\"}\n").getBytes(StandardCharsets.UTF_8));
    bad.put(
        "twice.ndjson",
        (good + "{\"id\":70,\"name\":\"A\"}\n{\"id\":70,\"name\":\"B\"}\n")
            .getBytes(StandardCharsets.UTF_8));
    bad.put(
        "twice-email.ndjson",
        (good + "{\"name\":\"Z\",\"email\":\"fine@example.com\"}\n")
            .getBytes(StandardCharsets.UTF_8));
    bad.put(
        "taken-email.ndjson",
        (good + "{\"name\":\"Y\",\"email\":\"u0@example.com\"}\n")
            .getBytes(StandardCharsets.UTF_8));
    bad.put("truncated.ndjson", (good + "{\"name\":\"Tru").getBytes(StandardCharsets.UTF_8));
    bad.put(
        "group-name.ndjson",
        (good + "{\"group\":{\"id\":50,\"name\":\"ADMINS\"}}\n").getBytes(StandardCharsets.UTF_8));
    bad.put(
        "deleted-member.ndjson",
        (good + "{\"membership\":{\"groupId\":1,\"userId\":3}}\n")
            .getBytes(StandardCharsets.UTF_8));
    bad.put("header.csv", "name,mail\nA,a@example.com\n".getBytes(StandardCharsets.UTF_8));
    byte[] latin1 = (good + "{\"name\":\"caf\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1);
    bad.put("latin1.ndjson", latin1);
    Path before = folder.resolve("before.ndjson");
    assertThat(run(sqlite, "export", before.toString())).isZero();

    for (Map.Entry<String, byte[]> each : bad.entrySet()) {
      Path file = folder.resolve(each.getKey());
      Files.write(file, each.getValue());
      err.getBuffer().setLength(0);
      assertThat(run(sqlite, "import", file.toString())).as(each.getKey()).isEqualTo(1);
      assertThat(err.toString())
          .as(each.getKey())
          .contains("Nothing imported")
          .containsPattern("line [0-9]+: ");
      System.out.println(each.getKey() + ": " + err.toString().strip().replace('\n', ' '));
    }
    Path after = folder.resolve("after.ndjson");
    assertThat(run(sqlite, "export", after.toString(), "--force")).isZero();
    assertThat(Files.readAllBytes(after)).isEqualTo(Files.readAllBytes(before));

    Path mixed = folder.resolve("email.ndjson");
    Path rejects = folder.resolve("rejects.txt");
    err.getBuffer().setLength(0);
    assertThat(run(
            sqlite, "import", mixed.toString(), "--skip-invalid", "--rejects", rejects.toString()))
        .as("some lines rejected, the rest imported")
        .isEqualTo(3);
    assertThat(Files.readString(rejects))
        .contains("line 2: email")
        .contains("\t{\"name\":\"X\",\"email\":\"not an email\"}");
    assertThat(err.toString()).contains("Rejected 1 of 2 lines; each is in " + rejects);
    assertThat(run(sqlite, "export", after.toString(), "--force")).isZero();
    assertThat(Files.readString(after)).contains("fine@example.com");

    // The rejects file is not replaced without --force, and nothing is imported meanwhile.
    err.getBuffer().setLength(0);
    assertThat(run(
            sqlite, "import", mixed.toString(), "--skip-invalid", "--rejects", rejects.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "Nothing imported: the rejects file " + rejects + " exists already; pass --force");

    // With --force every line is rejected now (the good one is stored already): exit 1, and the
    // line the store refused is in the file as it was sent.
    assertThat(run(
            sqlite,
            "import",
            mixed.toString(),
            "--skip-invalid",
            "--force",
            "--rejects",
            rejects.toString()))
        .isEqualTo(1);
    assertThat(Files.readString(rejects))
        .contains("line 1: email exists already in the store\t{\"name\":\"Fine\",")
        .contains("line 2: email");
  }

  @Test
  void csvOnStandardInputIsKnownByItsHeader() throws Exception {
    Map<String, String> sqlite = store("sqlite");
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(
          "name,email\nAda,ada@example.com\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(run(sqlite, "import")).as(err.toString()).isZero();
      System.setIn(new java.io.ByteArrayInputStream(
          "nom,courriel\nAda,ada@example.com\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(run(sqlite, "import")).isEqualTo(1);
      assertThat(err.toString()).contains("line 1: header has an unknown column 'nom'");
    } finally {
      System.setIn(stdin);
    }
    Path export = folder.resolve("stdin.ndjson");
    assertThat(run(sqlite, "export", export.toString())).isZero();
    assertThat(Files.readString(export)).contains("\"name\":\"Ada\",\"email\":\"ada@example.com\"");
  }

  @Test
  void aCsvWithNameAndEmailImports() throws Exception {
    Map<String, String> sqlite = store("sqlite");
    Path csv = folder.resolve("people.csv");
    Files.writeString(
        csv,
        "name,email\nAda,ada@example.com\n\"Lovelace, Ada\",\n\"Say \"\"hi\"\"\",x@example.com\n");
    assertThat(run(sqlite, "import", csv.toString())).as(err.toString()).isZero();
    Path export = folder.resolve("csv.ndjson");
    assertThat(run(sqlite, "export", export.toString())).isZero();
    assertThat(Files.readString(export))
        .contains("\"name\":\"Lovelace, Ada\",\"email\":null")
        .contains("\"name\":\"Say \\\"hi\\\"\"");
  }
}
