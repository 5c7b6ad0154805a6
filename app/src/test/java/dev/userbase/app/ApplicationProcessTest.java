package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real main() in its own JVM, as an operator would, and reads what it prints. */
class ApplicationProcessTest {

  @TempDir
  Path folder;

  private Process launch(Path databasePath, int port) throws IOException {
    return launch(Map.of("USERBASE_SQLITE_PATH", databasePath.toString()), port);
  }

  private Process launch(Map<String, String> environment, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            productionClassPath(),
            Application.class.getName())
        .directory(folder.toFile())
        .redirectErrorStream(true);
    builder.environment().remove("USERBASE_STORE");
    builder.environment().putAll(environment);
    builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    return builder.start();
  }

  /** This JVM's class path without test classes, so the process runs as the shipped jar does. */
  private static String productionClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static CompletableFuture<List<String>> lines(Process process) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // The process ended; what was read is the answer.
      }
      return lines;
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void anUnusableLocationFailsFastWithOneLineNamingTheAbsolutePath() throws Exception {
    Files.writeString(folder.resolve("blocker"), "a file where a folder should be");
    Path wanted = folder.resolve("blocker/users.db");

    long start = System.nanoTime();
    Process process = launch(Path.of("blocker/users.db"), freePort());
    CompletableFuture<List<String>> output = lines(process);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    List<String> printed = output.get(5, TimeUnit.SECONDS);
    assertThat(process.exitValue()).isNotZero();
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(printed)
        .containsExactly("Userbase failed to start: Cannot use SQLite database "
            + wanted.toAbsolutePath()
            + ": cannot create folder "
            + folder.resolve("blocker").toAbsolutePath()
            + ": a file of that name is in the way");
  }

  @Test
  void anUnreachablePostgresFailsFastWithOneLineNamingTheHost() throws Exception {
    int closedPort = freePort();
    Process process = launch(
        Map.of(
            "USERBASE_STORE", "postgres",
            "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/users",
            "DATASOURCES_DEFAULT_USERNAME", "postgres",
            "DATASOURCES_DEFAULT_PASSWORD", "not-to-be-printed"),
        freePort());
    CompletableFuture<List<String>> output = lines(process);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
    List<String> printed = output.get(5, TimeUnit.SECONDS);
    assertThat(process.exitValue()).isNotZero();
    assertThat(printed).hasSize(1);
    assertThat(printed.get(0))
        .startsWith("Userbase failed to start: Cannot use PostgreSQL database 127.0.0.1:"
            + closedPort
            + "/users: ")
        .contains("refused")
        .doesNotContain("not-to-be-printed");
  }

  @Test
  void anUnknownStoreFailsFastNamingTheSetting() throws Exception {
    Process process = launch(Map.of("USERBASE_STORE", "mysql"), freePort());
    CompletableFuture<List<String>> output = lines(process);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits by itself").isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(output.get(5, TimeUnit.SECONDS))
        .containsExactly(
            "Userbase failed to start: userbase.store (USERBASE_STORE) must be sqlite or postgres, not 'mysql'");
  }

  @Test
  void theServerLogsItsDatabaseAndServesTheGuidesRequests() throws Exception {
    int port = freePort();
    Process process = launch(Path.of("data/userbase.db"), port);
    CompletableFuture<List<String>> output = lines(process);
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> created = null;
      for (int attempt = 0; attempt < 300 && created == null; attempt++) {
        try {
          created = client.send(
              HttpRequest.newBuilder(base.resolve("/users/?name=Alice"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYetListening) {
          assertThat(process.isAlive()).as("server still starting").isTrue();
          Thread.sleep(100);
        }
      }
      assertThat(created).as("server answered within 30 s").isNotNull();
      assertThat(created.statusCode()).isEqualTo(201);
      HttpResponse<String> read = client.send(
          HttpRequest.newBuilder(base.resolve("/users/1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("\"name\":\"Alice\"");
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    Path database = folder.resolve("data/userbase.db").toAbsolutePath();
    assertThat(database).exists();
    assertThat(output.get(5, TimeUnit.SECONDS))
        .anySatisfy(line -> assertThat(line)
            .contains("SQLite database " + database + " (journal_mode=wal, synchronous=FULL"));
  }
}
