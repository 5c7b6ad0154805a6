package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /admin/export} and {@code POST /admin/import} over real HTTP on a real store: a body
 * larger than any the users API takes round-trips byte for byte, bad lines import nothing and are
 * named, {@code skipInvalid} imports the rest, and the import's own size limit holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransferHttpSuite implements io.micronaut.test.support.TestPropertyProvider {

  /** The import's limit in these tests: small enough to send more than it. */
  static final int IMPORT_LIMIT = 4 << 20;

  private static final String NDJSON = "application/x-ndjson";

  @Inject
  EmbeddedServer server;

  abstract Map<String, String> storeProperties();

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(storeProperties());
    properties.put("userbase.http.import-max-size", Integer.toString(IMPORT_LIMIT));
    return properties;
  }

  /** Users as export writes them, ids from {@code first}. */
  private static String users(int first, int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      lines
          .append("{\"id\":")
          .append(i)
          .append(",\"name\":\"Ütf ")
          .append(i)
          .append("\",\"email\":\"h")
          .append(i)
          .append("@example.com\",\"createdAt\":\"2026-01-01T00:00:00.123Z\",")
          .append("\"updatedAt\":\"2026-02-01T00:00:00.456Z\",\"version\":")
          .append(1 + i % 4)
          .append("}\n");
    }
    return lines.toString();
  }

  @Test
  void anImportLargerThanAnyUsersBodyExportsTheSameBytesAndIdsGoOnAboveIt() {
    HttpCalls http = new HttpCalls(server.getURI());
    String body = users(1_000_001, 20_000);
    // Over the 1 MiB a stream may run ahead of its reader, and the 64 KiB of the users API.
    assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 << 20);

    HttpResponse<String> imported = http.send("POST", "/admin/import", NDJSON, body);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body())
        .contains("\"lines\":20000")
        .contains("\"imported\":20000")
        .contains("\"invalid\":0");

    HttpResponse<String> exported = http.get("/admin/export");
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Type")).contains(NDJSON);
    // The server is shared with the other tests here, whose users have other ids.
    String ours = exported
        .body()
        .lines()
        .filter(line -> line.startsWith("{\"id\":10"))
        .map(line -> line + "\n")
        .collect(java.util.stream.Collectors.joining());
    assertThat(ours).isEqualTo(body);

    HttpResponse<String> created = http.postJson("/users", "{\"name\":\"Next\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)))
        .isGreaterThan(1_020_000);
  }

  @Test
  void groupsAndMembershipsImportAfterTheirUsersAndTheReportCountsEachKind() {
    HttpCalls http = new HttpCalls(server.getURI());
    String body = users(2_000_001, 3)
        + "{\"group\":{\"id\":9000001,\"name\":\"Imported over HTTP\",\"description\":null,"
        + "\"createdAt\":\"2026-01-01T00:00:00.123Z\",\"updatedAt\":\"2026-01-02T00:00:00.000Z\","
        + "\"version\":2}}\n"
        + "{\"membership\":{\"groupId\":9000001,\"userId\":2000001}}\n"
        + "{\"membership\":{\"groupId\":9000001,\"userId\":2000003}}\n";

    HttpResponse<String> imported = http.send("POST", "/admin/import", NDJSON, body);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body())
        .contains("\"lines\":6,\"imported\":6,\"users\":3,\"groups\":1,\"memberships\":2,")
        .contains("\"invalid\":0");
    assertThat(http.get("/groups/9000001").body()).contains("\"version\":2");
    assertThat(http.get("/groups/9000001/members").body())
        .contains("\"id\":2000001,")
        .contains("\"id\":2000003,")
        .doesNotContain("\"id\":2000002,");
    assertThat(http.get("/admin/export").body())
        .contains("{\"membership\":{\"groupId\":9000001,\"userId\":2000003}}\n");

    HttpResponse<String> again = http.send("POST", "/admin/import", NDJSON, body);
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body())
        .contains("{\"field\":\"group.id\",\"message\":\"line 4: exists already in the store\"}")
        .contains("{\"field\":\"group.name\",\"message\":\"line 4: exists already in the store,"
            + " ignoring case\"}");
  }

  @Test
  void badLinesImportNothingAndAreNamedUnlessSkipped() {
    HttpCalls http = new HttpCalls(server.getURI());
    String body = "{\"name\":\"Good\",\"email\":\"good@bad-lines.example\"}\n"
        + "{\"name\":\"Bad\",\"email\":\"not an email\"}\n"
        + "{\"name\":\"Twice\",\"email\":\"good@bad-lines.example\"}\n"
        + "{\"name\": \"Truncated\"";
    HttpResponse<String> refused = http.send("POST", "/admin/import", NDJSON, body);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(refused.body())
        .contains("problem:import-invalid")
        .contains("Nothing imported: 3 of 4 lines are invalid")
        .contains("line 2: must be a valid email address")
        .contains("line 3: is given twice in the input")
        .contains("line 4: is not valid JSON");
    assertThat(http.get("/admin/export").body()).doesNotContain("good@bad-lines.example");

    HttpResponse<String> skipped =
        http.send("POST", "/admin/import?skipInvalid=true", NDJSON, body);
    assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
    assertThat(skipped.body())
        .contains("\"lines\":4")
        .contains("\"imported\":1")
        .contains("\"invalid\":3")
        .contains("line 2: must be a valid email address");
    assertThat(http.get("/admin/export").body()).contains("good@bad-lines.example");
  }

  @Test
  void csvImportsAsTextCsv() {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> imported = http.send(
        "POST", "/admin/import", "text/csv", "name,email\nAda,ada@csv.example\n\"Lovelace, A\",\n");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("\"imported\":2");
    assertThat(http.get("/admin/export").body())
        .contains("\"name\":\"Ada\",\"email\":\"ada@csv.example\"")
        .contains("\"name\":\"Lovelace, A\",\"email\":null");
  }

  @Test
  void anImportOverItsLimitIs413AndImportsNothing() {
    HttpCalls http = new HttpCalls(server.getURI());
    String body = users(2_000_001, 40_000);
    assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(IMPORT_LIMIT);
    // Expect: 100-continue, as a client sending this much should: the refusal comes before the
    // body is sent. (A raw socket: the JDK 17 HttpClient can hang on an early final answer.)
    String answer;
    try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(("POST /admin/import HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: " + NDJSON + "\r\nContent-Length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      answer = readResponse(socket.getInputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"status\":413");
    assertThat(http.get("/users/2000001").statusCode()).isEqualTo(404);
  }

  /** One response: its head, and its body by Content-Length (the connection stays open). */
  private static String readResponse(java.io.InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    int end = -1;
    while (end < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      read.write(b);
      String so = read.toString(StandardCharsets.ISO_8859_1);
      if (so.endsWith("\r\n\r\n")) {
        end = read.size();
      }
    }
    String head = read.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
    if (length.find()) {
      read.write(in.readNBytes(Integer.parseInt(length.group(1))));
    }
    return read.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theUsersApiStillTakesAtMost64KiB() {
    HttpCalls http = new HttpCalls(server.getURI());
    String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
    HttpResponse<String> refused = http.postJson("/users", big);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body()).contains("at most 65536 are accepted here");
  }
}
