package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request the codec cannot decode gets the 4xx that names what was wrong (414, 431 or 400), as
 * problem+json with a request id, says the connection closes, and then it does: a client must not
 * send its next request on it. With the access log on, the refusal has its access line.
 */
@MicronautTest(transactional = false)
@Property(name = "userbase.http.access-log", value = "true")
class UndecodableRequestTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Test
  void aRequestLineTooLongIs414AndTheConnectionCloses() throws IOException {
    String answer = exchange("PUT /users/?email=" + "a".repeat(8_000) + " HTTP/1.1\r\n"
        + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

    assertProblem(
        answer,
        414,
        "URI Too Long",
        "The request line (method, path and query) is longer than the 4096 bytes this server"
            + " accepts");
  }

  @Test
  void headersTooLargeAre431AndTheConnectionCloses() throws IOException {
    String answer = exchange(
        "GET /users/1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

    assertProblem(
        answer,
        431,
        "Request Header Fields Too Large",
        "The request's headers are longer than the 8192 bytes this server accepts");
  }

  @Test
  void aMalformedRequestLineIs400AndTheConnectionCloses() throws IOException {
    String answer = exchange("GET /users/1 HTTP/1.1 extra\r\nHost: localhost\r\n\r\n");

    assertProblem(answer, 400, "Bad Request", "The request is not well-formed HTTP/1.1");
  }

  @Test
  void theRefusalHasItsAccessLineWithItsRequestId() throws IOException {
    Logger access = (Logger) LoggerFactory.getLogger("userbase.access");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    access.addAppender(captured);
    String answer;
    try {
      answer = exchange("GET /users/" + "a".repeat(8_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    } finally {
      access.detachAppender(captured);
    }

    String id = answer
        .lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-request-id: "))
        .findFirst()
        .orElseThrow()
        .substring("x-request-id: ".length());
    assertThat(captured.list).singleElement().satisfies(line -> {
      assertThat(line.getFormattedMessage()).isEqualTo("- - 414 0 ms 127.0.0.1");
      assertThat(line.getMDCPropertyMap()).containsEntry("requestId", id);
    });
  }

  @Test
  void aPipelinedClientGetsTheEarlierAnswerFirstThenTheRefusal() throws IOException {
    String answers = exchange("GET /users HTTP/1.1\r\nHost: localhost\r\n\r\n" + "GET /users/"
        + "a".repeat(8_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(answers).startsWith("HTTP/1.1 200 ");
    int second = answers.indexOf("HTTP/1.1 414 ");
    assertThat(second).isPositive();
    assertProblem(
        answers.substring(second),
        414,
        "URI Too Long",
        "The request line (method, path and query) is longer than the 4096 bytes this server"
            + " accepts");
  }

  /** The whole answer: status, problem+json naming what was wrong, its request id, and close. */
  private static void assertProblem(String answer, int status, String title, String detail) {
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
            + ",\"detail\":\"" + detail + "\",\"requestId\":\"" + id + "\"}");
  }

  @Test
  void aWellFormedRequestKeepsItsConnectionOpen() throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      for (int i = 0; i < 2; i++) {
        socket
            .getOutputStream()
            .write("GET /users HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200 ");
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
        skipBody(socket.getInputStream(), head);
      }
    }
  }

  /** Sends the bytes and reads until the server closes; fails if it does not within 10 s. */
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the connection ended inside the answer's head").isNotNegative();
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    String length = head.toLowerCase(Locale.ROOT)
        .lines()
        .filter(line -> line.startsWith("content-length:"))
        .findFirst()
        .orElseThrow()
        .substring("content-length:".length())
        .strip();
    assertThat(in.readNBytes(Integer.parseInt(length))).hasSize(Integer.parseInt(length));
  }
}
