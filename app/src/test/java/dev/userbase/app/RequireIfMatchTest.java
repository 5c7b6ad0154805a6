package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With userbase.http.require-if-match, a change without If-Match is 428 and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
@Property(name = "userbase.http.require-if-match", value = "true")
class RequireIfMatchTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Test
  void putPatchAndDeleteWithoutIfMatchAre428AndChangeNothing() {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> created = http.postJson("/users", "{\"name\": \"Ivy\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    String body = "{\"name\": \"Ivy 2\", \"email\": null}";

    for (HttpResponse<String> refused : java.util.List.of(
        http.putJson(location, body),
        http.send("PATCH", location, "application/merge-patch+json", "{\"name\": \"Ivy 3\"}"),
        http.delete(location))) {
      assertThat(refused.statusCode()).isEqualTo(428);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(refused.body()).contains("\"status\":428").contains("If-Match");
    }
    assertThat(http.get(location).body()).isEqualTo(created.body());

    assertThat(http.putJson(location, body, "If-Match", "\"1\"").statusCode()).isEqualTo(200);
    assertThat(http.send(
                "PATCH",
                location,
                "application/merge-patch+json",
                "{\"name\": \"Ivy 3\"}",
                "If-Match",
                "*")
            .statusCode())
        .isEqualTo(200);
    assertThat(http.delete(location, "If-Match", "\"3\"").statusCode()).isEqualTo(204);
  }
}
