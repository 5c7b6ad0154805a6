package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/userbase on the jar this build made, with this JVM as JAVA_HOME: the first server start
 * trains the JDK's archive (an AOT cache on 25+, AppCDS before) and keeps sqlite-jdbc's native
 * library beside it, the next uses it, a broken one does not stop the start, and commands pass
 * through without it.
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of("..", "bin", "userbase").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "userbase.jar").toAbsolutePath();
  private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

  @TempDir
  Path folder;

  /** What the last launch printed, stdout and stderr together. */
  private Path output;

  private Process launch(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(folder.toFile())
        .redirectErrorStream(true)
        .redirectOutput((output = folder.resolve("out-" + System.nanoTime() + ".log")).toFile());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("USERBASE_STORE");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("USERBASE_JAR", JAR.toString());
    builder.environment().put("USERBASE_ARCHIVE", folder.resolve("userbase").toString());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private Path archive() {
    return folder.resolve(AOT_CACHE ? "userbase.aot" : "userbase.jsa");
  }

  /** Starts the server, waits until it answers, and returns the JVM's own command line. */
  private List<String> serveOnce(int port) throws Exception {
    Process server = launch(Map.of(
        "USERBASE_SQLITE_PATH", folder.resolve("users.db").toString(),
        "MICRONAUT_SERVER_PORT", Integer.toString(port)));
    try {
      HttpCalls http = new HttpCalls(URI.create("http://127.0.0.1:" + port));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (true) {
        try {
          if (http.get("/health/liveness").statusCode() == 200) {
            break;
          }
        } catch (IllegalStateException notYet) {
          // not listening yet
        }
        assertThat(server.isAlive()).as("the server is running").isTrue();
        assertThat(System.nanoTime()).as("served within 90 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(http.postJson("/users", "{\"name\": \"Launched\"}").statusCode())
          .isEqualTo(201);
      // The JVM: the launcher's own process when it execs, its child when it trains an archive.
      ProcessHandle jvm = server.toHandle().children().findFirst().orElse(server.toHandle());
      return jvm.info().arguments().map(List::of).orElse(List.of());
    } finally {
      // SIGTERM to the launcher: the JVM itself when it exec'd, else passed on to the JVM.
      server.toHandle().destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isZero();
    }
  }

  @Test
  void theFirstStartTrainsTheArchiveAndTheNextUsesIt() throws Exception {
    // What an older jar left: the launcher clears it.
    Path natives = folder.resolve("userbase.native");
    Path stale = Files.writeString(
        Files.createDirectories(natives).resolve("sqlite-jdbc-0.0-libsqlitejdbc.so"), "stale");
    Files.setLastModifiedTime(natives, FileTime.fromMillis(0));

    List<String> training = serveOnce(ServerProcess.freePort());
    assertThat(training)
        .anySatisfy(arg -> assertThat(arg)
            .startsWith(AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit="))
        .contains("-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy")
        .contains("-Xms128m", "-Xmx128m", "-Xmn64m")
        .doesNotContain("-XX:+UseSerialGC")
        .contains("-XX:ReservedCodeCacheSize=64m", "-XX:+SegmentedCodeCache")
        .noneSatisfy(arg -> assertThat(arg).startsWith("-XX:Tier4"));
    Runtime.Version jdk = Runtime.version();
    if (jdk.feature() >= 25) {
      assertThat(training).noneSatisfy(arg -> assertThat(arg).startsWith("-XX:Tier"));
      // The cache is made without the training start's method profiles.
      assertThat(training).contains("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");
    } else {
      assertThat(training).contains("-XX:Tier3InvocationThreshold=1000");
    }
    if (jdk.feature() >= 22
        || (jdk.feature() == 21 && jdk.update() >= 1)
        || (jdk.feature() == 17 && jdk.update() >= 9)) {
      assertThat(training).contains("-XX:TrimNativeHeapInterval=5000");
    } else {
      assertThat(training).noneSatisfy(arg -> assertThat(arg).startsWith("-XX:TrimNative"));
    }
    assertThat(archive()).isNotEmptyFile();
    assertThat(Files.readString(output))
        .contains("userbase: this start also trains a start-up archive for the next ones; it is"
            + " written to " + archive() + " when the server stops")
        .contains("userbase: stopping; then the JVM writes the start-up archive")
        .containsPattern("userbase: start-up archive written: "
            + java.util.regex.Pattern.quote(archive().toString())
            + " \\(\\d+ KB\\); the next starts use it");
    assertThat(training).contains("-Duserbase.sqlite.native-dir=" + natives);
    assertThat(stale).doesNotExist();
    try (Stream<Path> kept = Files.list(natives)) {
      assertThat(kept).singleElement().satisfies(library -> {
        assertThat(library.getFileName().toString()).startsWith("sqlite-jdbc-3.");
        assertThat(library).isNotEmptyFile();
      });
    }

    List<String> using = serveOnce(ServerProcess.freePort());
    assertThat(using)
        .contains((AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive());
    assertThat(Files.readString(output)).doesNotContain("start-up archive");
  }

  @Test
  void aBrokenArchiveDoesNotStopTheStart() throws Exception {
    Files.writeString(archive(), "not an archive");
    assertThat(serveOnce(ServerProcess.freePort()))
        .anySatisfy(arg -> assertThat(arg).contains(archive().toString()));
  }

  @Test
  void commandsPassThroughWithoutAnArchive() throws Exception {
    Path tokens = folder.resolve("tokens");
    Process create =
        launch(Map.of(), "token", "create", "ci", "--scopes", "admin", "--file", tokens.toString());
    assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(create.exitValue()).isZero();
    assertThat(Files.readString(tokens)).startsWith("ci admin ");
    assertThat(archive()).doesNotExist();

    Process usage = launch(Map.of(), "frobnicate");
    assertThat(usage.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(usage.exitValue()).isEqualTo(2);
  }

  @Test
  void aJvmThatPrintsANoteBeforeItsVersionIsStillKnown() throws Exception {
    // With JDK_JAVA_OPTIONS set, "java -version" says "Picked up ..." before its version line.
    Path tokens = folder.resolve("tokens");
    Process create = launch(
        Map.of("JDK_JAVA_OPTIONS", "-Duserbase.launcher.test=1"),
        "token",
        "create",
        "ci",
        "--scopes",
        "admin",
        "--file",
        tokens.toString());
    assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(create.exitValue()).as(Files.readString(output)).isZero();
    assertThat(Files.readString(output)).doesNotContain("is not JDK 17 or newer");
    assertThat(Files.readString(tokens)).startsWith("ci admin ");
  }
}
