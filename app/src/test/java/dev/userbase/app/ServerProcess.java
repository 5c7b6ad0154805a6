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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real main() in a JVM of its own, as an operator runs it: its output is collected, and it can
 * be sent SIGTERM or SIGKILL.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.reader = new Thread(this::collect, "server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts main() in {@code folder} with the given environment on a free port. */
  static ServerProcess start(Path folder, Map<String, String> environment) throws IOException {
    return start(folder, environment, freePort());
  }

  static ServerProcess start(Path folder, Map<String, String> environment, int port)
      throws IOException {
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
    return new ServerProcess(builder.start(), port);
  }

  /** This JVM's class path without test classes, so the process runs as the shipped jar does. */
  static String productionClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void collect() {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // The process ended; what was read is the answer.
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** SIGTERM, through the process handle: Process.destroy() would also close the output pipe. */
  void terminate() {
    process.toHandle().destroy();
  }

  /** SIGKILL. */
  void kill() {
    process.toHandle().destroyForcibly();
  }

  /** Waits, at most {@code bound}, until the server answers its liveness probe. */
  void awaitServing(Duration bound) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("server still running: %s", output()).isTrue();
      try {
        HttpResponse<Void> live = client.send(
            HttpRequest.newBuilder(uri().resolve("/health/liveness"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        if (live.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // try again
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server did not serve within " + bound + ": " + output());
  }

  /** Everything the process has printed so far. */
  List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Waits, at most {@code bound}, for the process to end, and for its output to be read. */
  int awaitExit(Duration bound) throws InterruptedException {
    assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
        .as("process ended within %s", bound)
        .isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
