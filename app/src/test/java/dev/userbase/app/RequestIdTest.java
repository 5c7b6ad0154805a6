package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteFaultInjection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every request has an id: the client's when sane, a new one otherwise; it comes back in the
 * header and in problem bodies, and it is in the MDC of the log lines written for the request,
 * on whatever thread wrote them: an error handler runs on the blocking pool's thread, or on the
 * event loop when the handler failed before the loop attached to its result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false, rebuildContext = true)
class RequestIdTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Test
  void aSaneIdIsKeptAndReturnedInTheHeaderAndTheProblemBody() {
    HttpResponse<String> missing =
        new HttpCalls(server.getURI()).get("/users/424242", "X-Request-Id", "client-7f3a:1");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("X-Request-Id")).contains("client-7f3a:1");
    assertThat(missing.body()).contains("\"requestId\":\"client-7f3a:1\"");
  }

  @Test
  void anInsaneIdIsReplacedByANewOne() {
    HttpCalls http = new HttpCalls(server.getURI());
    for (String insane : new String[] {"x".repeat(129), "two words", "tab\there", ""}) {
      HttpResponse<String> answer = http.get("/users/424242", "X-Request-Id", insane);
      String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(id).matches("[0-9a-f]{24}");
      assertThat(answer.body()).contains("\"requestId\":\"" + id + "\"");
    }
    String first = http.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
    String second = http.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void theLogLinesOfARequestCarryItsIdWhicheverThreadWritesThem() {
    Logger handlers =
        (Logger) LoggerFactory.getLogger("dev.userbase.api.http.problem.ProblemHandlers");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Level before = handlers.getLevel();
    handlers.setLevel(Level.INFO);
    handlers.addAppender(captured);
    try {
      SqliteFaultInjection.stopTheWriter(context);
      HttpResponse<String> refused = new HttpCalls(server.getURI())
          .postJson("/users", "{\"name\": \"A\"}", "X-Request-Id", "trace-me-42");
      assertThat(refused.statusCode()).isEqualTo(503);
    } finally {
      handlers.detachAppender(captured);
      handlers.setLevel(before);
    }

    assertThat(captured.list).singleElement().satisfies(event -> {
      assertThat(event.getFormattedMessage()).startsWith("POST /users: 503");
      assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "trace-me-42");
    });
  }
}
