package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 as bytes on a socket, for the tests of how the server frames requests. */
final class RawHttp {

  /** How long any read waits before the test fails. */
  static final int TIMEOUT_MS = 10_000;

  private RawHttp() {}

  /** Sends the bytes and reads until the server closes; fails if it does not within the bound. */
  static String exchange(EmbeddedServer server, String request) throws IOException {
    try (Socket socket = open(server)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  static Socket open(EmbeddedServer server) throws IOException {
    Socket socket = new Socket(server.getHost(), server.getPort());
    socket.setSoTimeout(TIMEOUT_MS);
    return socket;
  }

  /** One answer's head, up to and with the blank line. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the connection ended inside the answer's head").isNotNegative();
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The body of the answer whose head this is, by its Content-Length. */
  static String readBody(InputStream in, String head) throws IOException {
    String length = head.toLowerCase(Locale.ROOT)
        .lines()
        .filter(line -> line.startsWith("content-length:"))
        .findFirst()
        .orElseThrow()
        .substring("content-length:".length())
        .strip();
    byte[] body = in.readNBytes(Integer.parseInt(length));
    assertThat(body).hasSize(Integer.parseInt(length));
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The whole answer: status, problem+json naming what was wrong with its request id and, when
   * given, its instance, and a close.
   */
  static void assertProblem(
      String answer, int status, String title, String detail, String instance) {
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
    assertThat(head)
        .contains("\r\nconnection: close\r\n")
        .contains("\r\ncontent-type: application/problem+json\r\n");
    String id = head.lines()
        .filter(line -> line.startsWith("x-request-id: "))
        .findFirst()
        .orElseThrow()
        .substring("x-request-id: ".length());
    assertThat(id).matches("[0-9a-f]{24}");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertThat(body)
        .isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
            + ",\"detail\":\"" + detail + "\""
            + (instance == null ? "" : ",\"instance\":\"" + instance + "\"")
            + ",\"requestId\":\"" + id + "\"}");
  }
}
