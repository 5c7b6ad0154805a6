package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client that stops reading its event stream is cut off when its buffer fills, without slowing
 * writers or other streams, on a real server. The server's idle timeout is its default here: a
 * short one would close the stalled connection first, racing the buffer, on a slow machine.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamCutOffTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  MeterRegistry meters;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.events.buffer", "20");
    // A small send buffer, fixed: the kernel would otherwise take megabytes for the client that
    // never reads before the server's own buffers fill.
    properties.put("micronaut.server.netty.child-options.SO_SNDBUF", "4096");
    return properties;
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
