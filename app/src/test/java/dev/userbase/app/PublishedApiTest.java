package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.access.Scope;
import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The published contract as a client developer meets it, with tokens on: the spec and the docs
 * pages open without a token; the spec passes a standard linter (Redocly); and in a real headless
 * Chromium, with no network beyond this server, Swagger UI takes a token through "Authorize" and
 * creates a user with "Try it out".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class PublishedApiTest implements SqliteTestDatabase {

  private final TestTokens tokens =
      new TestTokens().with("docs", Scope.USERS_READ, Scope.USERS_WRITE).write();

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return tokens.over(SqliteTestDatabase.super.getProperties());
  }

  @Test
  void theSpecAndTheDocsPagesOpenWithoutATokenWhileUsersNeedOne() {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> spec = http.get("/openapi.json");
    assertThat(spec.statusCode()).isEqualTo(200);
    assertThat(spec.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(spec.body()).startsWith("{\"openapi\":\"3.0").contains("\"/users/{id}\"");
    for (String page : new String[] {
      "/docs", "/redoc", "/docs/res/swagger-ui-bundle.js", "/redoc/res/redoc.standalone.js"
    }) {
      assertThat(http.get(page).statusCode()).as(page).isEqualTo(200);
    }
    assertThat(http.get("/docs").body()).contains("/openapi.json").doesNotContain("https://");
    assertThat(http.get("/users").statusCode()).isEqualTo(401);
  }

  @Test
  void aStandardLinterFindsNoErrorInTheServedSpec() throws Exception {
    NodeTools.require();
    Path spec = Path.of("target", "openapi.json").toAbsolutePath();
    Files.writeString(spec, new HttpCalls(server.getURI()).get("/openapi.json").body());
    NodeTools.Result lint = NodeTools.run(
        120, "node_modules/.bin/redocly", "lint", spec.toString(), "--format=summary");
    System.out.println("redocly lint " + spec + ":\n" + lint.output());
    assertThat(lint.exit()).as(lint.output()).isZero();
    assertThat(lint.output()).doesNotContain("error ");
  }

  @Test
  void swaggerUiCreatesAUserWithTryItOutInARealBrowserOffline() throws Exception {
    NodeTools.require();
    Path screenshot = Path.of("target", "docs-try-it-out.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    String base = "http://127.0.0.1:" + server.getPort();
    NodeTools.Result browser = NodeTools.run(
        180, "node", "docs-try-it-out.mjs", base, screenshot.toString(), tokens.token("docs"));
    System.out.println(
        "Chromium on /docs: " + browser.output().strip() + "; screenshot " + screenshot);
    assertThat(browser.exit()).as(browser.output()).isZero();
    assertThat(browser.output()).contains("\"code\":\"201\"").contains("\"outside\":[]");
    assertThat(screenshot).isNotEmptyFile();
    assertThat(new HttpCalls(server.getURI())
            .get("/users?name=made%20in%20chromium", "Authorization", tokens.bearer("docs"))
            .body())
        .contains("\"name\":\"Made in Chromium\"");
  }
}
