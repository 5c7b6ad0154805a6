package dev.userbase.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.reset;

import dev.userbase.domain.UserService;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the controller tests share: a server whose domain is a Mockito mock, raw HTTP calls to it,
 * and the check that an answer is RFC 9457 problem+json with the right status.
 */
public abstract class MockedDomainHttpTest {

  @Inject
  protected EmbeddedServer server;

  @Inject
  protected UserService users;

  @Inject
  protected JsonMapper json;

  protected HttpCalls http;

  @BeforeEach
  void resetDomainAndClient() {
    reset(users);
    http = new HttpCalls(server.getURI());
  }

  protected JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.of(JsonNode.class));
  }

  /** Checks that the answer is problem+json with this status and no trace of a stack; returns it. */
  protected JsonNode assertProblem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = body(response);
    assertThat(problem.get("status").getIntValue()).isEqualTo(status);
    assertThat(problem.get("type").getStringValue()).isNotBlank();
    assertThat(problem.get("title").getStringValue()).isNotBlank();
    assertThat(problem.get("detail").getStringValue()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return problem;
  }
}
