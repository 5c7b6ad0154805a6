package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An event stream's limits, on a real server: a quiet stream outlives the idle timeout on its
 * keep-alives, and a client that stops reading is cut off without slowing writers or others.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamLimitsTest implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

  @Inject
  MeterRegistry meters;

  @Override
  public Map<String, String> getProperties() {
    try {
      Path folder = Files.createTempDirectory("userbase-test");
      return Map.of(
          "userbase.sqlite.path", folder.resolve("users.db").toString(),
          "micronaut.server.port", "-1",
          "userbase.http.idle-timeout", "1s",
          "userbase.events.keep-alive", "300ms",
          "userbase.events.buffer", "20",
          // A small send buffer, fixed: the kernel would otherwise take megabytes for the
          // client that never reads before the server's own buffers fill.
          "micronaut.server.netty.child-options.SO_SNDBUF", "4096");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aQuietStreamOutlivesTheIdleTimeoutOnItsKeepAlives() throws Exception {
    try (EventStreamClient stream = EventStreamClient.open(server.getURI(), "/events")) {
      Thread.sleep(2500);
      assertThat(stream.ended()).as("ended by the 1 s idle timeout").isFalse();
      List<String> comments = stream.takeComments();
      assertThat(comments.stream().filter("keep-alive"::equals).count()).isGreaterThanOrEqualTo(3);
      assertThat(new HttpCalls(server.getURI())
              .postJson("/users", "{\"name\": \"Still there\"}")
              .statusCode())
          .isEqualTo(201);
      assertThat(stream.next(Duration.ofSeconds(5))).isNotNull();
    }
  }

  @Test
  void aClientThatStopsReadingIsCutOffAndSlowsNobody() throws Exception {
    double cutBefore = cutOff();
    HttpCalls http = new HttpCalls(server.getURI());
    try (Socket stalled = new Socket();
        EventStreamClient reader = EventStreamClient.open(server.getURI(), "/events")) {
      stalled.setReceiveBufferSize(2048);
      stalled.connect(new InetSocketAddress(server.getHost(), server.getPort()));
      OutputStream out = stalled.getOutputStream();
      out.write(("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // It never reads a byte. Everyone else goes on.
      int writes = 600;
      for (int i = 0; i < writes; i++) {
        assertThat(http.postJson("/users", "{\"name\": \"Busy " + i + "\"}").statusCode())
            .isEqualTo(201);
      }
      List<EventStreamClient.Received> all = reader.next(writes, Duration.ofSeconds(30));
      assertThat(all).extracting(EventStreamClient.Received::event).containsOnly("user.created");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (cutOff() == cutBefore && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(cutOff()).as("streams cut off").isEqualTo(cutBefore + 1);
    }
  }

  private double cutOff() {
    return meters.get("userbase.events.cut.off").counter().count();
  }
}
