package dev.userbase.app;

import static dev.userbase.app.RawHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request the codec cannot decode gets the 4xx that names what was wrong (414, 431 or 400), as
 * problem+json with a request id (and its path as instance once the request line was read), says
 * the connection closes, and then it does: a client must not send its next request on it. With the access log on, the refusal has its access line.
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
            + " accepts",
        null);
  }

  @Test
  void headersTooLargeAre431AndTheConnectionCloses() throws IOException {
    String answer = exchange(
        "GET /users/1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

    assertProblem(
        answer,
        431,
        "Request Header Fields Too Large",
        "The request's headers are longer than the 8192 bytes this server accepts",
        "/users/1");
  }

  @Test
  void aMalformedRequestLineIs400AndTheConnectionCloses() throws IOException {
    String answer = exchange("GET /users/1 HTTP/1.1 extra\r\nHost: localhost\r\n\r\n");

    assertProblem(answer, 400, "Bad Request", "The request is not well-formed HTTP/1.1", null);
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
            + " accepts",
        null);
  }

  @Test
  void aWellFormedRequestKeepsItsConnectionOpen() throws IOException {
    try (Socket socket = RawHttp.open(server)) {
      for (int i = 0; i < 2; i++) {
        socket
            .getOutputStream()
            .write("GET /users HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        String head = RawHttp.readHead(socket.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200 ");
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
        RawHttp.readBody(socket.getInputStream(), head);
      }
    }
  }

  private String exchange(String request) throws IOException {
    return RawHttp.exchange(server, request);
  }
}
