package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.config.SchemaGenerator;
import io.micronaut.data.model.runtime.RuntimeEntityRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Micronaut Data's schema generator is not made at start (Flyway owns the schema), and the store
 * works without it: the runtime entity registry is made when a repository needs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class NoSchemaGenerationTest implements SqliteTestDatabase {

  @Inject
  ApplicationContext context;

  @Inject
  EmbeddedServer server;

  @Test
  void theSchemaGeneratorIsReplacedAndTheStoreStillWrites() {
    assertThat(context.getActiveBeanRegistrations(NoSchemaGeneration.class)).hasSize(1);
    assertThat(context.getActiveBeanRegistrations(SchemaGenerator.class)).isEmpty();

    HttpCalls http = new HttpCalls(URI.create("http://127.0.0.1:" + server.getPort()));
    assertThat(http.postJson("/users", "{\"name\": \"Ada\"}").statusCode()).isEqualTo(201);
    assertThat(http.get("/users?limit=10").body()).contains("\"name\":\"Ada\"");
    assertThat(context.findBean(RuntimeEntityRegistry.class)).isPresent();
  }
}
