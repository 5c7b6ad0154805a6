package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slowloris clients (a header byte at a time, never finishing) and idle connections are closed
 * within their configured times, and a normal client is served all along.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class SlowClientsTest implements SqliteTestDatabase {

  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
  /** Scheduling slack on a busy 2-core machine: the bound, not the expectation. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static final int SLOW_CLIENTS = 200;

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.http.header-timeout", HEADER_TIMEOUT.toMillis() + "ms");
    properties.put("userbase.http.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
    return properties;
  }

  /** Sends one header byte every 200 ms until the server closes; returns how long it took. */
  private Duration dripUntilClosed(Duration bound) throws IOException, InterruptedException {
    byte[] request = "GET /users HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
        .concat("a".repeat(10_000))
        .getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(1);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; System.nanoTime() - start < bound.toNanos(); i++) {
        try {
          out.write(request[i]);
          out.flush();
        } catch (IOException closed) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        try {
          if (in.read() < 0) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet: the connection is open
        } catch (IOException reset) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("a slowloris connection was still open after " + bound);
  }

  @Test
  void slowlorisConnectionsAreClosedWithinTheHeaderTimeoutWhileOthersAreServed() throws Exception {
    Duration bound = HEADER_TIMEOUT.plus(SLACK);
    ExecutorService pool = Executors.newFixedThreadPool(SLOW_CLIENTS);
    try {
      List<Future<Duration>> slow = new ArrayList<>();
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        slow.add(pool.submit(() -> dripUntilClosed(bound)));
      }
      HttpCalls http = new HttpCalls(server.getURI());
      long normalStart = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertThat(http.get("/users").statusCode()).isEqualTo(200);
      }
      Duration normal = Duration.ofNanos(System.nanoTime() - normalStart);
      Duration longest = Duration.ZERO;
      for (Future<Duration> each : slow) {
        Duration took = each.get();
        longest = took.compareTo(longest) > 0 ? took : longest;
        assertThat(took).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(250));
      }
      System.out.printf(
          "slowloris: %d connections closed, the last after %d ms (header-timeout %d ms);"
              + " 20 normal GETs meanwhile took %d ms%n",
          SLOW_CLIENTS, longest.toMillis(), HEADER_TIMEOUT.toMillis(), normal.toMillis());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anIdleConnectionIsClosedWithinTheIdleTimeout() throws Exception {
    long start = System.nanoTime();
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout((int) IDLE_TIMEOUT.plus(SLACK).toMillis());
      // A whole request first: the connection then idles between requests, kept alive.
      socket
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        // the response, then the close
        assertThat(read).isPositive();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "idle: closed after %d ms (idle-timeout %d ms)%n",
        took.toMillis(), IDLE_TIMEOUT.toMillis());
    assertThat(took).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(250));
  }
}
