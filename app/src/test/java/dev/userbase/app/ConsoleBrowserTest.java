package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.userbase.access.Scope;
import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console as a person meets it, in Debian's headless Chromium on a real server with tokens
 * on and 10,000 users in it (tools/node/console-e2e.mjs walks the path): signing in, users,
 * a conflict, errors on their fields, groups and members, operations, a missing scope, and the
 * server gone (a proxy of the test's own is cut), and a server on loopback with no tokens, where
 * it works at once; axe-core on every page at 1280 and 360 px,
 * no request off the machine, no script from data, no breach of the page's own policy.
 * Screenshots and the first load's trace go to target/console/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class ConsoleBrowserTest implements SqliteTestDatabase {

  private final TestTokens tokens = new TestTokens()
      .with(
          "keeper",
          Scope.USERS_READ,
          Scope.USERS_WRITE,
          Scope.GROUPS_READ,
          Scope.GROUPS_WRITE,
          Scope.ADMIN)
      .with("reader", Scope.USERS_READ, Scope.GROUPS_READ)
      .write();

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return tokens.over(SqliteTestDatabase.super.getProperties());
  }

  @Test
  void theConsolesFilesOpenWithoutATokenWithAStrictPolicy() {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> bare = http.get("/console");
    assertThat(bare.statusCode()).isEqualTo(308);
    assertThat(bare.headers().firstValue("Location")).contains("/console/");
    for (String file : new String[] {"/console/", "/console/console.js", "/console/console.css"}) {
      HttpResponse<String> answer = http.get(file);
      assertThat(answer.statusCode()).as(file).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(answer.body()).doesNotContain("http://").doesNotContain("https://");
    }
    String tag = http.get("/console/console.js").headers().firstValue("ETag").orElseThrow();
    assertThat(http.get("/console/console.js", "If-None-Match", tag).statusCode())
        .isEqualTo(304);
    HttpResponse<String> missing = http.get("/console/secrets.txt");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(http.get("/users").statusCode())
        .as("the API still needs a token")
        .isEqualTo(401);
  }

  @Test
  void aPersonsPathThroughTheConsoleWorksInARealBrowser() throws Exception {
    NodeTools.require();
    HttpCalls http = new HttpCalls(server.getURI());
    StringBuilder users = new StringBuilder();
    for (int i = 1; i <= 10_000; i++) {
      users.append("{\"name\":\"Listed ").append(i).append("\"}\n");
    }
    HttpResponse<String> seeded = http.send(
        "POST",
        "/admin/import",
        "application/x-ndjson",
        users.toString(),
        "Authorization",
        tokens.bearer("keeper"));
    assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);

    Path out = Path.of("target", "console").toAbsolutePath();
    Files.createDirectories(out);
    Map<String, Object> open = new HashMap<>();
    open.put("userbase.store", "sqlite");
    open.put(
        "userbase.sqlite.path", out.resolve("open-" + System.nanoTime() + ".db").toString());
    open.put("micronaut.server.port", -1);
    open.put("datasources.default.schema-generate", "NONE");
    open.put("datasources.sqlite-reader.schema-generate", "NONE");
    try (CuttableTcpProxy proxy = new CuttableTcpProxy("127.0.0.1", server.getPort());
        EmbeddedServer tokenless = ApplicationContext.run(EmbeddedServer.class, open)) {
      HttpServer control =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      control.createContext("/cut", exchange -> {
        proxy.cut();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      control.start();
      try {
        NodeTools.Result browser = NodeTools.run(
            300,
            "node",
            "console-e2e.mjs",
            "http://127.0.0.1:" + proxy.port(),
            tokens.token("keeper"),
            tokens.token("reader"),
            out.toString(),
            "http://127.0.0.1:" + control.getAddress().getPort() + "/cut",
            "http://127.0.0.1:" + tokenless.getPort());
        System.out.println("Chromium on /console: " + browser.output().strip());
        assertThat(browser.exit()).as(browser.output()).isZero();
        assertThat(browser.output()).contains("\"ok\":true");
      } finally {
        control.stop(0);
      }
    }
    assertThat(out.resolve("console-users-1280.png")).isNotEmptyFile();
    assertThat(out.resolve("console-user-360.png")).isNotEmptyFile();
  }
}
