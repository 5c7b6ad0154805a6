package dev.userbase.app;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools under tools/node (the OpenAPI linter, Playwright for Debian's Chromium), run from
 * tests. On a machine without Node, those packages or Chromium the tests that need them are
 * skipped and say why; with {@code USERBASE_REQUIRE_BROWSER=1} (as CI sets it) they fail instead.
 */
final class NodeTools {

  static final Path DIR = Path.of("..", "tools", "node").toAbsolutePath().normalize();

  private NodeTools() {}

  /** Skips (or, when required, fails) unless Node, the packages and Chromium are here. */
  static void require() {
    List<String> missing = new ArrayList<>();
    if (!onPath("node")) {
      missing.add("node");
    }
    if (!Files.isDirectory(DIR.resolve("node_modules"))) {
      missing.add("tools/node/node_modules (npm ci --prefix tools/node)");
    }
    if (!Files.isExecutable(Path.of(chromium()))) {
      missing.add("Chromium at " + chromium() + " (apt-get install chromium)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String why = "missing: " + String.join(", ", missing);
    if ("1".equals(System.getenv("USERBASE_REQUIRE_BROWSER"))) {
      throw new AssertionError(why + "; USERBASE_REQUIRE_BROWSER=1 asks for these tests");
    }
    assumeThat(missing).as(why).isEmpty();
  }

  static String chromium() {
    String configured = System.getenv("CHROMIUM");
    return configured != null ? configured : "/usr/bin/chromium";
  }

  /** Runs a command in tools/node; returns its exit code and output. */
  static Result run(long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    // Output to a file, so that the wait below is the only one, and it is bounded.
    Path log = Files.createTempFile("userbase-node", ".log");
    try {
      Process process = new ProcessBuilder(command)
          .directory(DIR.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end in " + timeoutSeconds
            + " s: " + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  record Result(int exit, String output) {}

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
