package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.jdbc.TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store's server goes away under the service (a proxy of the test's own drops every connection and
 * hangs up on new ones): every request gets 503 problem+json with Retry-After, readiness is DOWN,
 * and once the server is reachable again the service serves without a restart.
 */
abstract class ServerOutageSuite {

  private final TestServer store = testServer();
  private final String database = store.newDatabase();

  /** The store's test server. */
  abstract TestServer testServer();

  private CuttableTcpProxy proxy;
  private EmbeddedServer server;

  @BeforeEach
  void start() throws Exception {
    Map<String, Object> properties = new TreeMap<>(store.properties(database));
    String url = properties.get("datasources.default.url").toString();
    Matcher hostAndPort = Pattern.compile("//([^/:?]+):(\\d+)").matcher(url);
    assertThat(hostAndPort.find()).as("host and port in " + url).isTrue();
    proxy = new CuttableTcpProxy(hostAndPort.group(1), Integer.parseInt(hostAndPort.group(2)));
    properties.put(
        "datasources.default.url", hostAndPort.replaceFirst("//127.0.0.1:" + proxy.port()));
    properties.put("datasources.default.connection-timeout", 1000);
    properties.put("micronaut.server.port", -1);
    server = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.getApplicationContext().close();
    }
    proxy.close();
    store.dropDatabase(database);
  }

  @Test
  void aLostServerIs503ForEveryRequestAndTheServiceRecoversWithoutARestart() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> alice = http.postJson("/users", "{\"name\": \"Alice\"}");
    assertThat(alice.statusCode()).isEqualTo(201);
    String location = alice.headers().firstValue("Location").orElseThrow();

    proxy.cut();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < 9; i++) {
      HttpResponse<String> response = switch (i % 3) {
        case 0 -> http.get(location);
        case 1 -> http.postJson("/users", "{\"name\": \"During " + i + "\"}");
        default -> http.get("/events?after=0");
      };
      statuses.merge(response.statusCode(), 1, Integer::sum);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(response.headers().firstValue("Retry-After")).contains("5");
      assertThat(response.body())
          .contains(":store-unavailable")
          .doesNotContain("PSQL")
          .doesNotContain("SQLState");
    }
    assertThat(http.get("/health").statusCode()).isEqualTo(503);

    proxy.restore();
    long restored = System.nanoTime();
    Duration recovery = awaitReady(http, Duration.ofSeconds(30));
    assertThat(http.get(location).statusCode()).isEqualTo(200);
    assertThat(http.postJson("/users", "{\"name\": \"After\"}").statusCode()).isEqualTo(201);
    // The feed missed nothing: Alice, then After (once stamped), and none of the refused writes.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String feed = http.get("/events?after=0").body();
    while (!feed.contains("\"name\":\"After\"") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      feed = http.get("/events?after=0").body();
    }
    assertThat(feed)
        .contains("\"name\":\"Alice\"")
        .contains("\"name\":\"After\"")
        .doesNotContain("During");
    String scrape = http.get("/prometheus").body();
    assertThat(scrape).contains("userbase_store_unavailable_total{cause=\"");
    assertThat(scrape).contains("hikaricp_connections{pool=\"userbase-" + store.store() + "\"}");
    System.out.printf(
        store.store()
            + " outage: during %s, health DOWN; ready again %d ms after the server came back,"
            + " first write 201 at %d ms%n",
        statuses,
        recovery.toMillis(),
        Duration.ofNanos(System.nanoTime() - restored).toMillis());
  }

  /** Polls readiness until UP, within a bound; returns how long that took. */
  static Duration awaitReady(HttpCalls http, Duration bound) throws InterruptedException {
    long start = System.nanoTime();
    while (http.get("/health").statusCode() != 200) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
      Thread.sleep(20);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
