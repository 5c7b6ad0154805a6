package dev.userbase.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** CORS, once configured: an allowed origin's preflight is answered, another origin is refused. */
@MicronautTest
@Property(name = MockedDomain.ENABLED, value = "true")
@Property(name = "micronaut.server.cors.enabled", value = "true")
@Property(
    name = "micronaut.server.cors.configurations.web.allowed-origins[0]",
    value = "https://app.example.com")
class CorsTest {

  @Inject
  EmbeddedServer server;

  @Test
  void anAllowedOriginsPreflightIsAnsweredWithItsHeaders() {
    HttpResponse<String> preflight = new HttpCalls(server.getURI())
        .send(
            "OPTIONS",
            "/users",
            null,
            null,
            "Origin",
            "https://app.example.com",
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "content-type");

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
  }

  @Test
  void anotherOriginIsRefusedWithAProblemBody() {
    HttpResponse<String> refused = new HttpCalls(server.getURI())
        .send(
            "OPTIONS",
            "/users",
            null,
            null,
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "POST");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("Cross-origin");
  }
}
