package dev.userbase.api.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.userbase.api.http.MockedDomain;
import dev.userbase.api.http.MockedDomainHttpTest;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and odd requests get a clear problem+json 4xx before the domain is asked anything:
 * charsets, content codings, malformed UTF-8, repeated or unknown parameters, foreign origins.
 */
@MicronautTest
@Property(name = MockedDomain.ENABLED, value = "true")
class RequestScreenTest extends MockedDomainHttpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=bogus",
        "application/json; charset=utf-7",
        "application/json; charset=x-user-defined",
        "application/json; charset=",
        "application/json; charset=\"\"",
        "application/json; charset=\"iso-8859-1\"",
        "application/json; charset=UTF-16",
        "application/json;CHARSET=latin1"
      })
  void aCharsetOtherThanUtf8Is415(String contentType) throws IOException {
    JsonNode body =
        assertProblem(http.send("POST", "/users", contentType, "{\"name\": \"A\"}"), 415);

    assertThat(body.get("detail").getStringValue()).contains("charset");
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=\"utf-8\"",
        "application/json;charset=UTF-8",
        "application/json; Charset=Utf-8"
      })
  void utf8InAnySpellingOrQuotingIsAccepted(String contentType) throws IOException {
    when(users.create(any(), any())).thenReturn(stored("A"));

    assertThat(http.send("POST", "/users", contentType, "{\"name\": \"A\"}").statusCode())
        .isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "br", "x-unknown", "gzip, identity"})
  void anyContentCodingIs415WithAcceptEncodingAndNothingIsDone(String coding) throws IOException {
    HttpResponse<String> response = http.send(
        "POST", "/users", "application/json", "{\"name\": \"A\"}", "Content-Encoding", coding);

    assertProblem(response, 415);
    assertThat(response.headers().firstValue("Accept-Encoding")).contains("identity");
    verifyNoInteractions(users);
  }

  @Test
  void aBodyThatIsNotUtf8Is400NamingTheBody() throws IOException {
    byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    JsonNode body =
        assertProblem(http.sendBytes("POST", "/users", "application/json", latin1), 400);

    assertThat(body.get("errors").get(0).get("field").getStringValue()).isEqualTo("body");
    assertThat(assertProblem(http.sendBytes("PUT", "/users/1", "application/json", latin1), 400)
            .get("errors")
            .get(0)
            .get("field")
            .getStringValue())
        .isEqualTo("body");
    verifyNoInteractions(users);
  }

  @Test
  void anUnpairedSurrogateEscapeIs400NamingTheField() throws IOException {
    JsonNode body = assertProblem(http.postJson("/users", "{\"name\": \"A\\ud800B\"}"), 400);

    assertThat(body.get("errors").get(0).get("field").getStringValue()).isEqualTo("name");
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/users?name=%ff%fe", "/users/?name=A%C3", "/users?name=%ED%A0%80"})
  void aQueryThatIsNotUtf8Is400NamingTheParameter(String path) throws IOException {
    JsonNode body = assertProblem(http.send("POST", path, null, null), 400);

    assertThat(body.get("errors").get(0).get("field").getStringValue()).isEqualTo("name");
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/users?name=A&name=B", "/users?limit=5&limit=6", "/users/1?x=1&x=2"})
  void aParameterGivenTwiceIs400(String path) throws IOException {
    JsonNode body =
        assertProblem(http.send(path.contains("name") ? "POST" : "GET", path, null, null), 400);

    assertThat(body.get("errors").get(0).get("message").getStringValue())
        .isEqualTo("is given more than once");
    verifyNoInteractions(users);
  }

  @Test
  void unknownParametersAre400OnEveryRoute() throws IOException {
    assertProblem(http.get("/users/1?expand=all"), 400);
    assertProblem(http.delete("/users/1?force=true"), 400);
    assertProblem(http.putJson("/users/1?dryRun=1", "{\"name\": \"A\"}"), 400);
    assertProblem(http.postJson("/users?notify=1", "{\"name\": \"A\"}"), 400);
    assertProblem(http.get("/users?sort=name"), 400);
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+5", "05", "\u0665", "5.0", "1e2"})
  void aLimitIsAsciiDigitsOnly(String limit) throws IOException {
    assertProblem(
        http.get("/users?limit=" + java.net.URLEncoder.encode(limit, StandardCharsets.UTF_8)), 400);
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com", "null"})
  void aForeignOriginIsNeverRefusedWithAnEmptyBody(String origin) throws IOException {
    when(users.get(new UserId(1))).thenReturn(stored("A"));

    HttpResponse<String> response = http.get("/users/1", "Origin", origin);

    // The server listens on loopback, where Micronaut refuses foreign origins (drive-by-localhost
    // protection); the refusal must still say what happened.
    assertThat(assertProblem(response, 403).get("detail").getStringValue())
        .contains("Cross-origin");
  }

  @Test
  void aSameHostOriginIsServed() throws IOException {
    when(users.get(new UserId(1))).thenReturn(stored("A"));

    HttpResponse<String> response =
        http.get("/users/1", "Origin", "http://localhost:" + server.getPort());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private static User stored(String name) {
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    return User.restore(new UserId(1), UserName.of(name), null, t, t, 1);
  }
}
