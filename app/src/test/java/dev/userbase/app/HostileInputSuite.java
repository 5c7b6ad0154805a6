package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seeded random hostile requests over real HTTP: odd paths, ids, parameters, headers, charsets,
 * codings and bodies (malformed JSON and UTF-8, lone surrogates, controls, bidi overrides, huge
 * values), and one request in 25 sent raw with broken framing (RFC 9112: Content-Length with
 * Transfer-Encoding, bad chunk sizes, no or two Hosts, a bare CR, space before a colon, codings
 * other than chunked, Transfer-Encoding in HTTP/1.0). Whatever is sent: no 5xx but the 501 the RFC
 * gives an unknown transfer coding; every 4xx is problem+json with its own status; a request with
 * broken framing gets its status and a close, and nothing of it is stored; every user a 2xx
 * answers with reads back, byte for byte, from the GET that follows.
 *
 * <p>{@code -Duserbase.hostile.requests=N} sends N (2,000 by default); {@code
 * -Duserbase.hostile.seed=S} replays a run. The seed is printed first. Each store runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputSuite {

  private static final String[] METHODS = {
    "GET", "POST", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=\"UTF-8\"",
    "application/json; charset=latin1",
    "application/json; charset=utf-7",
    "application/json; charset=",
    "application/json; charset=\"\"",
    "application/json;;",
    "application/json; boundary=x",
    "application/merge-patch+json",
    "text/plain",
    "application/xml",
    "multipart/form-data; boundary=z",
    "*/*",
    "application/x-www-form-urlencoded"
  };
  private static final String[] IF_MATCH = {
    "\"1\"",
    "\"2\"",
    "*",
    "W/\"1\"",
    "\"1\", \"2\"",
    "garbage",
    "\"abc\"",
    "\"99999999999999999999\"",
    ""
  };
  private static final String[] ODD_IDS = {
    "0", "-1", "01", "+1", "abc", "1.5", "99999999999999999999", "9223372036854775807",
    "%D9%A1", "%EF%BC%91", "%ff", "%00", "1%20", "%20", "1e3", "0x10"
  };
  private static final String[] PARAMETERS = {"name", "email", "limit", "after", "sort", "x"};
  private static final String[] EMAILS = {
    "a@example.com",
    "A@EXAMPLE.COM",
    " b@example.com ",
    "not-an-email",
    "a@b",
    "@x.com",
    "a..b@example.com",
    "x@-bad.com",
    "",
    "\u00e9@example.com",
    "a@example.com\u0000"
  };
  // Characters that have broken services before: controls, invisible and direction-changing
  // marks, separators, combining marks, emoji, right-to-left and wide scripts, JSON's own.
  private static final String[] PIECES = {
    "a",
    "Z",
    " ",
    "  ",
    "\t",
    "\n",
    "\u0000",
    "\u001f",
    "\u007f",
    "\u0085",
    "\u00a0",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\uffff",
    "\u0301",
    "\u3164",
    "\ud83d\ude00",
    "\ud83d\udc69\u200d\ud83d\udcbb",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u674e",
    "\"",
    "\\",
    "/",
    "'",
    "<script>",
    "%",
    "_",
    "null",
    "O'Brien",
    "Zo\u00eb"
  };

  @Inject
  EmbeddedServer server;

  @Inject
  JsonMapper json;

  @Test
  void randomHostileRequestsNeverGetA5xxAndEveryAnswerKeepsItsPromise() throws IOException {
    long seed = Long.getLong("userbase.hostile.seed", new SecureRandom().nextLong());
    int count = Integer.getInteger("userbase.hostile.requests", 2000);
    System.out.printf(
        "%s: seed %d, %d requests (replay: -Duserbase.hostile.seed=%d)%n",
        getClass().getSimpleName(), seed, count, seed);
    Random random = new Random(seed);
    HttpCalls http = new HttpCalls(server.getURI());
    List<Long> ids = new ArrayList<>(List.of(1L, 2L));
    Map<Integer, Integer> statuses = new TreeMap<>();
    int readBack = 0;

    int framing = 0;
    for (int i = 0; i < count; i++) {
      if (random.nextInt(25) == 0) {
        FramingCase broken = framingCase(random, i);
        String what = "request " + i + " of seed " + seed + ": " + broken.request();
        String answer = RawHttp.exchange(server, broken.request());
        assertThat(answer).as(what).startsWith("HTTP/1.1 " + broken.status() + " ");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT))
            .as(what)
            .contains("\r\ncontent-type: application/problem+json\r\n")
            .contains("\r\nconnection: close\r\n");
        statuses.merge(broken.status(), 1, Integer::sum);
        framing++;
        continue;
      }
      String method = pick(random, METHODS);
      String path = method.equals("POST") && random.nextInt(10) < 7 ? "/users" : path(random, ids);
      String contentType =
          random.nextInt(6) == 0 ? pick(random, CONTENT_TYPES) : "application/json";
      byte[] body = method.equals("GET") || method.equals("DELETE") || random.nextInt(12) == 0
          ? (random.nextInt(4) == 0 ? body(random) : null)
          : body(random);
      List<String> headers = new ArrayList<>();
      if (random.nextInt(8) == 0) {
        headers.addAll(List.of("If-Match", pick(random, IF_MATCH)));
      }
      if (random.nextInt(12) == 0) {
        headers.addAll(List.of(
            "Content-Encoding", pick(random, new String[] {"gzip", "deflate", "br", "identity"})));
      }
      if (random.nextInt(15) == 0) {
        headers.addAll(List.of(
            "Origin",
            pick(random, new String[] {"https://evil.example", "null", "http://localhost"})));
      }
      if (random.nextInt(15) == 0) {
        headers.addAll(
            List.of("Accept", pick(random, new String[] {"application/xml", "text/html", "*/*"})));
      }
      String what = "request " + i + " of seed " + seed + ": " + method + " " + path + " ["
          + contentType + "] " + headers + " "
          + (body == null ? "-" : new String(body, StandardCharsets.ISO_8859_1));

      HttpResponse<String> response = http.sendBytes(
          method, path, body == null ? null : contentType, body, headers.toArray(String[]::new));
      int status = response.statusCode();
      statuses.merge(status, 1, Integer::sum);

      assertThat(status).as(what + " -> " + response.body()).isLessThan(500);
      if (status >= 400) {
        assertThat(response.headers().firstValue("Content-Type"))
            .as(what)
            .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readValue(response.body(), Argument.of(JsonNode.class));
        assertThat(problem.get("status").getIntValue()).as(what).isEqualTo(status);
        assertThat(problem.get("detail").getStringValue()).as(what).isNotBlank();
      } else if ((status == 201 || (status == 200 && method.equals("PUT")))
          && response.body().startsWith("{\"id\"")) {
        long id = json.readValue(response.body(), Argument.of(JsonNode.class))
            .get("id")
            .getLongValue();
        ids.add(id);
        HttpResponse<String> read = http.get("/users/" + id);
        assertThat(read.statusCode()).as(what).isEqualTo(200);
        assertThat(read.body()).as(what).isEqualTo(response.body());
        readBack++;
      }
    }
    System.out.printf(
        "%s: %d requests by status %s (%d with broken framing); %d users read back equal%n",
        getClass().getSimpleName(), count, statuses, framing, readBack);
    // 501 is what RFC 9112 gives an unknown transfer coding; no other 5xx.
    assertThat(statuses.keySet()).allMatch(status -> status < 500 || status == 501);
    assertThat(http.get("/users?name=frm").body())
        .as("nothing of a request with broken framing is stored")
        .startsWith("{\"items\":[]");
  }

  /** A request whose framing RFC 9112 refuses, and the status it must get (then a close). */
  record FramingCase(String request, int status) {}

  /** One of the framing faults, with a body that would store a user named frm{i} if served. */
  static FramingCase framingCase(Random random, int i) {
    String body = "{\"name\":\"frm" + i + "\"}";
    String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    String post = "POST /users HTTP/1.1\r\nContent-Type: application/json\r\n";
    return switch (random.nextInt(9)) {
      case 0 ->
        new FramingCase(
            post + "Host: x\r\nContent-Length: " + chunked.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
            400);
      case 1 ->
        new FramingCase(
            post + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + pick(random, new String[] {"zz", "-1", "0x10", "1 1", ""}) + "\r\n" + body
                + "\r\n0\r\n\r\n",
            400);
      case 2 -> new FramingCase(post + "Content-Length: " + body.length() + "\r\n\r\n" + body, 400);
      case 3 ->
        new FramingCase(
            post + "Host: a\r\nHost: b\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
            400);
      case 4 ->
        new FramingCase(
            post + "Host: x\r\nX-A: a\rb\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
            400);
      case 5 ->
        new FramingCase(
            post + "Host: x\r\nContent-Length : " + body.length() + "\r\n\r\n" + body, 400);
      case 6 ->
        new FramingCase(
            post + "Host: x\r\nTransfer-Encoding: "
                + pick(random, new String[] {"gzip", "chunked, gzip", "identity", ""})
                + "\r\n\r\n" + body,
            400);
      case 7 ->
        new FramingCase(
            post + "Host: x\r\nTransfer-Encoding: "
                + pick(random, new String[] {"gzip, chunked", "deflate, chunked", "x, chunked"})
                + "\r\n\r\n" + chunked,
            501);
      default ->
        new FramingCase(
            "POST /users HTTP/1.0\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunked,
            400);
    };
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String path(Random random, List<Long> ids) {
    String path = switch (random.nextInt(10)) {
      case 0, 1, 2 -> "/users";
      case 3 -> "/users/";
      case 4, 5, 6 -> "/users/" + ids.get(random.nextInt(ids.size()));
      case 7 -> "/users/" + pick(random, ODD_IDS);
      case 8 -> "/users/" + ids.get(random.nextInt(ids.size())) + "/";
      default -> pick(random, new String[] {"/nowhere", "/users/1/extra", "/health", "/USERS"});
    };
    if (random.nextInt(5) == 0) {
      StringBuilder query = new StringBuilder();
      int parameters = 1 + random.nextInt(3);
      for (int p = 0; p < parameters; p++) {
        query.append(p == 0 ? "?" : "&").append(pick(random, PARAMETERS)).append('=');
        query.append(
            switch (random.nextInt(5)) {
              case 0 -> percentEncode(text(random).getBytes(StandardCharsets.UTF_8));
              case 1 -> percentEncode(rawBytes(random));
              case 2 -> Integer.toString(random.nextInt(1000) - 100);
              case 3 -> percentEncode(pick(random, EMAILS).getBytes(StandardCharsets.UTF_8));
              default -> pick(random, new String[] {"+5", "05", "%D9%A5", "", "1e2"});
            });
      }
      path += query;
    }
    return path;
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> rawBytes(random);
      case 1 -> ("\ufeff{\"name\":\"" + "A" + "\"}").getBytes(StandardCharsets.UTF_8);
      case 2 -> "{\"name\":\"A\"}".getBytes(StandardCharsets.UTF_16);
      case 3 ->
        pick(random, new String[] {
              "",
              "{",
              "}",
              "[]",
              "null",
              "42",
              "\"x\"",
              "{\"name\":}",
              "{\"name\":\"a\",}",
              "{name:\"a\"}",
              "{\"name\":\"a\"} {}",
              "{\"name\":\"a\",\"name\":\"b\"}",
              "{\"name\":1}",
              "{\"name\":[\"a\"]}",
              "{\"name\":{\"a\":1}}",
              "{\"name\":true}",
              "{\"email\":\"a@example.com\"}",
              "{\"id\":5,\"name\":\"a\"}",
              "{\"version\":1,\"name\":\"a\"}",
              "{\"name\":\"a\",\"admin\":true}",
              "{\"name\":\"\\ud800\"}",
              "{\"name\":\"\\udc00x\"}",
              "{\"name\":\"\\u0000\"}",
              "{\"name\":\"\\u202e\"}",
              "{\"name\":1e999}"
            })
            .getBytes(StandardCharsets.UTF_8);
      case 4 -> ("[".repeat(1000 + random.nextInt(5000))).getBytes(StandardCharsets.UTF_8);
      case 5 ->
        ("{\"name\":\"" + "x".repeat(60_000 + random.nextInt(20_000)) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
      default -> {
        StringBuilder object = new StringBuilder("{");
        object.append("\"name\":").append(random.nextInt(10) == 0 ? "null" : jsonString(random));
        if (random.nextBoolean()) {
          object
              .append(",\"email\":")
              .append(random.nextInt(3) == 0 ? "null" : quote(pick(random, EMAILS)));
        }
        yield object.append('}').toString().getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** A JSON string of hostile pieces; a lone surrogate, when drawn, goes in as an escape. */
  private static String jsonString(Random random) {
    if (random.nextInt(20) == 0) {
      return "\"A\\ud800B\"";
    }
    return quote(text(random));
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(6) == 0 ? 150 + random.nextInt(100) : 1 + random.nextInt(8);
    for (int p = 0; p < pieces; p++) {
      text.append(pick(random, PIECES));
    }
    return text.toString();
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        quoted.append('\\').appendCodePoint(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", c));
      } else {
        quoted.appendCodePoint(c);
      }
    });
    return quoted.append('"').toString();
  }

  /** Bytes that are not UTF-8: stray continuations, overlong forms, encoded surrogates, Latin-1. */
  private static byte[] rawBytes(Random random) {
    byte[][] bad = {
      {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xe9}, {(byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
    };
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"name\":\"ab".getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(bad[random.nextInt(bad.length)]);
    bytes.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    return bytes.toByteArray();
  }

  private static String percentEncode(byte[] bytes) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return encoded.toString();
  }
}
