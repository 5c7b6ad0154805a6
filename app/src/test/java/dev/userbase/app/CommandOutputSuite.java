package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's stdout carries only its data: {@code export} to stdout from a store with a server,
 * whose pool logs a line as it opens, writes NDJSON and nothing else there, so that {@code export
 * | import} moves every user; the log goes to stderr. Each server store runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandOutputSuite implements ServerTestDatabase {

  /** The store's name in {@code userbase.store}. */
  abstract String store();

  /** How the store's pool names itself in the line it logs as it opens. */
  abstract String opened();

  @TempDir
  Path folder;

  @Test
  void exportToStdoutWritesOnlyNdjsonAndLogsToStderr() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("USERBASE_STORE", store());
    getProperties().forEach((key, value) -> {
      if (key.startsWith("datasources.")) {
        environment.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value);
      }
    });
    Path out = folder.resolve("out.ndjson");
    Path err = folder.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(
            java, "-cp", ServerProcess.productionClassPath(), Application.class.getName(), "export")
        .directory(folder.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process export = builder.start();
    assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String log = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(export.exitValue()).as(log).isZero();
    assertThat(log).contains(opened()).contains("Exported 0 users");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("stdout, which an import reads").allMatch(line -> line.startsWith("{"));
  }
}
