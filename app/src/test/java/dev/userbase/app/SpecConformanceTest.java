package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The spec checker itself: answers the spec does not allow are caught. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class SpecConformanceTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  private static final String USER = "{\"id\":1,\"name\":\"A\",\"email\":null,"
      + "\"createdAt\":\"2026-11-29T10:00:00.000Z\",\"updatedAt\":\"2026-11-29T10:00:00.000Z\","
      + "\"version\":1}";

  @Test
  void anUnlistedStatusAWrongBodyAndAMissingHeaderAreEachCaught() {
    SpecConformance spec = SpecConformance.of(server.getURI());
    URI user = server.getURI().resolve("/users/1");

    spec.seen(
        "GET",
        user,
        answer(200, USER, Map.of("ETag", "\"1\"", "Content-Type", "application/json")));
    assertThat(spec.takeFailures()).isEmpty();

    spec.seen("GET", user, answer(418, "{}", Map.of("Content-Type", "application/json")));
    spec.seen(
        "GET",
        user,
        answer(
            200,
            USER.replace("\"name\":\"A\"", "\"name\":7"),
            Map.of("ETag", "\"1\"", "Content-Type", "application/json")));
    spec.seen(
        "POST",
        server.getURI().resolve("/users"),
        answer(201, USER, Map.of("ETag", "\"1\"", "Content-Type", "application/json")));
    spec.seen(
        "GET",
        user,
        answer(
            200,
            USER.replace(",\"version\":1", ""),
            Map.of("ETag", "\"1\"", "Content-Type", "application/json")));
    List<String> caught = spec.takeFailures();
    assertThat(caught).hasSize(4);
    assertThat(caught.get(0)).contains("418");
    assertThat(caught.get(1)).contains("name");
    assertThat(caught.get(2)).contains("missing header Location");
    assertThat(caught.get(3)).contains("version");
    assertThat(spec.checked()).isEqualTo(5);
  }

  private static HttpResponse<String> answer(int status, String body, Map<String, String> headers) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpRequest request() {
        return null;
      }

      @Override
      public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return HttpHeaders.of(
            headers.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> List.of(e.getValue()))),
            (a, b) -> true);
      }

      @Override
      public String body() {
        return body;
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return null;
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}
