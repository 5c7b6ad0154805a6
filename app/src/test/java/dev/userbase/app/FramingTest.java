package dev.userbase.app;

import static dev.userbase.app.RawHttp.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112's rules for a server, each over a raw socket: what a request with ambiguous or broken
 * framing gets (status, problem+json, and whether the connection is closed, read to its end within
 * a bound), that nothing of it is stored, and that the framings the RFC allows are served with the
 * connection kept.
 */
@MicronautTest(transactional = false)
class FramingTest implements SqliteTestDatabase {

  private static final String JSON = "Content-Type: application/json\r\n";

  @Inject
  EmbeddedServer server;

  private String exchange(String request) throws IOException {
    return RawHttp.exchange(server, request);
  }

  /** Whether a user of this name was stored. */
  private boolean stored(String name) {
    return new HttpCalls(server.getURI())
        .get("/users?name=" + name)
        .body()
        .contains("\"name\":\"" + name + "\"");
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndCloses() throws IOException {
    // CL.TE: a proxy framing by the length would take the chunk trailer as the next request.
    String answer = exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
        + "Content-Length: 21\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "15\r\n{\"name\":\"clte0001\"}\r\n0\r\n\r\n");

    assertProblem(
        answer,
        400,
        "Bad Request",
        "The request has both Content-Length and Transfer-Encoding, so its length is ambiguous",
        "/users");
    assertThat(stored("clte0001")).isFalse();
  }

  @Test
  void transferEncodingWithAShortContentLengthIs400AndCloses() throws IOException {
    // TE.CL: a proxy framing by chunks would pass on what this length leaves out.
    String answer = exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
        + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
        + "5c\r\nGET /users/1 HTTP/1.1\r\nHost: x\r\n\r\n\r\n0\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer, then the close").hasSize(2);
  }

  @Test
  void aChunkSizeThatIsNotHexadecimalIs400AndCloses() throws IOException {
    String answer = exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"name\":\"badchunk1\"}\r\n0\r\n\r\n");

    assertProblem(
        answer,
        400,
        "Bad Request",
        "The request's chunked body is not well-formed HTTP/1.1",
        "/users");
    assertThat(stored("badchunk1")).isFalse();
  }

  @Test
  void aPipelinedClientGetsItsEarlierAnswerThenTheRefusalOfABrokenBody() throws IOException {
    String answers = exchange("GET /users HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
        + "Transfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n");

    assertThat(answers).startsWith("HTTP/1.1 200 ");
    int second = answers.indexOf("HTTP/1.1 400 ");
    assertThat(second).isPositive();
    assertProblem(
        answers.substring(second),
        400,
        "Bad Request",
        "The request's chunked body is not well-formed HTTP/1.1",
        "/users");
  }

  @Test
  void anHttp11RequestWithoutHostIs400AndCloses() throws IOException {
    assertProblem(
        exchange("GET /users/1 HTTP/1.1\r\n\r\n"),
        400,
        "Bad Request",
        "An HTTP/1.1 request needs a Host header",
        "/users/1");
  }

  @Test
  void twoHostHeadersAre400AndClose() throws IOException {
    assertProblem(
        exchange("GET /users/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        400,
        "Bad Request",
        "The request has 2 Host headers; it may have one",
        "/users/1");
  }

  @Test
  void aHostThatIsNoHostIs400AndCloses() throws IOException {
    assertProblem(
        exchange("GET /users/1 HTTP/1.1\r\nHost: a/b\r\n\r\n"),
        400,
        "Bad Request",
        "The Host header is not a host[:port]",
        "/users/1");
  }

  @Test
  void anHttp10RequestNeedsNoHost() throws IOException {
    assertThat(exchange("GET /users HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 200 ");
  }

  @Test
  void aBareCarriageReturnIs400AndCloses() throws IOException {
    assertProblem(
        exchange("GET /users/1 HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"),
        400,
        "Bad Request",
        "The request is not well-formed HTTP/1.1",
        "/users/1");
    assertProblem(
        exchange("GET /users\r/1 HTTP/1.1\r\nHost: x\r\n\r\n"),
        400,
        "Bad Request",
        "The request is not well-formed HTTP/1.1",
        null);
  }

  @Test
  void whitespaceBeforeAFieldsColonIs400AndCloses() throws IOException {
    assertProblem(
        exchange("GET /users/1 HTTP/1.1\r\nHost: x\r\nX-A : a\r\n\r\n"),
        400,
        "Bad Request",
        "The request is not well-formed HTTP/1.1",
        "/users/1");
  }

  @Test
  void obsoleteLineFoldingIsReadAsOneSpace() throws IOException {
    // RFC 9112 section 5.2 allows replacing obs-fold with SP: the folded media type still reads.
    try (Socket socket = RawHttp.open(server)) {
      send(
          socket,
          "POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json;\r\n"
              + " charset=utf-8\r\nContent-Length: 19\r\n\r\n{\"name\":\"folded01\"}");
      assertCreatedAndKeptOpen(socket, "folded01");
    }
  }

  @Test
  void aTransferCodingOtherThanChunkedLastIs400AndCloses() throws IOException {
    assertProblem(
        exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
            + "Transfer-Encoding: gzip\r\n\r\n{\"name\":\"gzip0001\"}"),
        400,
        "Bad Request",
        "chunked is not the last transfer coding, so the body's length is unknown",
        "/users");
    assertThat(stored("gzip0001")).isFalse();
  }

  @Test
  void anUnsupportedTransferCodingBeforeChunkedIs501AndCloses() throws IOException {
    assertProblem(
        exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
            + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
        501,
        "Not Implemented",
        "The transfer coding 'gzip' is not supported; only chunked is",
        "/users");
  }

  @Test
  void chunkedTwiceIs400AndCloses() throws IOException {
    assertProblem(
        exchange("POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
            + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        400,
        "Bad Request",
        "The chunked transfer coding is applied more than once",
        "/users");
  }

  @Test
  void transferEncodingInHttp10Is400AndCloses() throws IOException {
    assertProblem(
        exchange("POST /users HTTP/1.0\r\n" + JSON
            + "Transfer-Encoding: chunked\r\n\r\n13\r\n{\"name\":\"http1001\"}\r\n0\r\n\r\n"),
        400,
        "Bad Request",
        "Transfer-Encoding is not allowed in an HTTP/1.0 request",
        "/users");
    assertThat(stored("http1001")).isFalse();
  }

  @Test
  void aWellFormedChunkedRequestIsServedAndItsConnectionKept() throws IOException {
    try (Socket socket = RawHttp.open(server)) {
      send(
          socket,
          "POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
              + "Transfer-Encoding: chunked\r\n\r\n8\r\n{\"name\":\r\nb\r\n\"chunked1\"}\r\n0\r\n\r\n");
      assertCreatedAndKeptOpen(socket, "chunked1");
    }
  }

  @Test
  void expectContinueGetsTheInterimAnswerThenTheBodyIsServedAndTheConnectionKept()
      throws IOException {
    try (Socket socket = RawHttp.open(server)) {
      send(
          socket,
          "POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
              + "Content-Length: 19\r\nExpect: 100-continue\r\n\r\n");
      assertThat(RawHttp.readHead(socket.getInputStream()))
          .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      send(socket, "{\"name\":\"expect01\"}");
      assertCreatedAndKeptOpen(socket, "expect01");
    }
  }

  @Test
  void expectContinueWithTheBodySentAtOnceIsServed() throws IOException {
    try (Socket socket = RawHttp.open(server)) {
      send(
          socket,
          "POST /users HTTP/1.1\r\nHost: x\r\n" + JSON
              + "Content-Length: 19\r\nExpect: 100-continue\r\n\r\n{\"name\":\"expect02\"}");
      String head = RawHttp.readHead(socket.getInputStream());
      if (head.startsWith("HTTP/1.1 100 ")) {
        head = RawHttp.readHead(socket.getInputStream());
      }
      assertThat(head).startsWith("HTTP/1.1 201 ");
      RawHttp.readBody(socket.getInputStream(), head);
      assertKeptOpen(socket);
    }
  }

  private static void send(Socket socket, String bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The answer on the socket is a 201 for the user of that name, and the connection serves on. */
  private static void assertCreatedAndKeptOpen(Socket socket, String name) throws IOException {
    String head = RawHttp.readHead(socket.getInputStream());
    assertThat(head).startsWith("HTTP/1.1 201 ");
    assertThat(RawHttp.readBody(socket.getInputStream(), head)).contains("\"" + name + "\"");
    assertKeptOpen(socket);
  }

  /** The connection still serves: a second request on it is answered, and not with a close. */
  private static void assertKeptOpen(Socket socket) throws IOException {
    send(socket, "GET /users?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    InputStream in = socket.getInputStream();
    String head = RawHttp.readHead(in);
    assertThat(head).startsWith("HTTP/1.1 200 ");
    assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
    RawHttp.readBody(in, head);
  }
}
