package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With userbase.http.max-connections set, a connection beyond it is closed at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class ConnectionCapTest implements SqliteTestDatabase {

  private static final int CAP = 3;

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.http.max-connections", Integer.toString(CAP));
    return properties;
  }

  /** The first line of the answer to a GET on a new connection, or null if it was closed. */
  private String statusLine(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    try {
      for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
        line.append((char) c);
      }
    } catch (IOException reset) {
      return null;
    }
    return line.length() == 0 ? null : line.toString();
  }

  @Test
  void aConnectionBeyondTheCapIsClosedAndOneIsServedAgainOnceAnotherCloses() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        Socket socket = new Socket(server.getHost(), server.getPort());
        held.add(socket);
        assertThat(statusLine(socket)).startsWith("HTTP/1.1 200 ");
      }
      try (Socket surplus = new Socket(server.getHost(), server.getPort())) {
        assertThat(statusLine(surplus)).isNull();
      }
      held.remove(0).close();
      // The server sees the close on its event loop: a bounded wait for the slot to free.
      String served = null;
      for (int attempt = 0; attempt < 50 && served == null; attempt++) {
        try (Socket again = new Socket(server.getHost(), server.getPort())) {
          served = statusLine(again);
        }
        if (served == null) {
          Thread.sleep(100);
        }
      }
      assertThat(served).startsWith("HTTP/1.1 200 ");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
