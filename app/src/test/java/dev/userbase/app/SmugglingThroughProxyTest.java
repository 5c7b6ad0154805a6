package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Request smuggling through a real proxy: nginx from Debian's packages on loopback, with
 * keep-alive connections to Userbase (the set-up that smuggling needs), started by the test.
 * Each classic pair (CL.TE, TE.CL and obfuscated Transfer-Encodings) hides a request for a marker
 * path in a body; Userbase must never be asked for it, and a victim's request that follows on the
 * proxy's pooled connections gets its own answer. Skipped, saying why, where nginx is missing,
 * unless {@code USERBASE_REQUIRE_NGINX=1} (CI), which makes that a failure.
 */
@MicronautTest(transactional = false)
@Property(name = "userbase.http.access-log", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmugglingThroughProxyTest implements SqliteTestDatabase {

  private static final String MARKER = "/users/424242";

  @Inject
  EmbeddedServer server;

  private Path folder;
  private Process nginx;
  private int port;
  private String victimAnswer;

  @BeforeAll
  void startNginx() throws Exception {
    String binary = nginxBinary();
    folder = Files.createTempDirectory("userbase-nginx");
    // Its workers may run as another user: they write request bodies here.
    folder.toFile().setWritable(true, false);
    folder.toFile().setExecutable(true, false);
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String f = folder.toString();
    Files.writeString(
        folder.resolve("nginx.conf"),
        String.join(
            "\n",
            "daemon off;",
            "pid " + f + "/nginx.pid;",
            "error_log " + f + "/error.log;",
            "events { worker_connections 64; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + f + "/body;",
            "  proxy_temp_path " + f + "/proxy;",
            "  fastcgi_temp_path " + f + "/fastcgi;",
            "  uwsgi_temp_path " + f + "/uwsgi;",
            "  scgi_temp_path " + f + "/scgi;",
            "  upstream userbase { server 127.0.0.1:" + server.getPort() + "; keepalive 4; }",
            "  server {",
            "    listen 127.0.0.1:" + port + ";",
            "    location / {",
            "      proxy_pass http://userbase;",
            "      proxy_http_version 1.1;",
            "      proxy_set_header Connection \"\";",
            "      proxy_set_header Host localhost;",
            "    }",
            "  }",
            "}",
            ""));
    nginx = new ProcessBuilder(binary, "-p", f, "-c", f + "/nginx.conf")
        .redirectErrorStream(true)
        .redirectOutput(folder.resolve("nginx.out").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        assertThat(nginx.isAlive())
            .as("nginx runs: " + Files.readString(folder.resolve("nginx.out")))
            .isTrue();
        assertThat(System.nanoTime()).as("nginx listens within 10 s").isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    HttpCalls http = new HttpCalls(server.getURI());
    assertThat(http.postJson("/users", "{\"name\": \"Victim\"}").statusCode()).isEqualTo(201);
    victimAnswer = http.get("/users/1").body();
  }

  @AfterAll
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String nginxBinary() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    String reason = "nginx is not installed (apt-get install nginx-light)";
    if ("1".equals(System.getenv("USERBASE_REQUIRE_NGINX"))) {
      throw new IllegalStateException(reason + "; USERBASE_REQUIRE_NGINX=1 makes this a failure");
    }
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** A request whose body hides the start of a request for the marker. */
  private static String attack(String framing, String smuggled) {
    return "POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing
        + "\r\n" + smuggled;
  }

  private static final String PREFIX = "GET " + MARKER + " HTTP/1.1\r\nX-Ignore: ";

  @ParameterizedTest
  @ValueSource(
      strings = {
        // CL.TE: the proxy frames by length, the server by chunks.
        "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n|0\r\n\r\n" + PREFIX,
        // TE.CL: the proxy frames by chunks, the server by length.
        "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n|2a\r\n" + PREFIX + "x\r\n0\r\n\r\n",
        // Obfuscated Transfer-Encodings, which one side may ignore.
        "Content-Length: 6\r\nTransfer-Encoding: xchunked\r\n|0\r\n\r\n" + PREFIX,
        "Content-Length: 6\r\nTransfer-Encoding:\tchunked\r\n|0\r\n\r\n" + PREFIX,
        "Content-Length: 6\r\nTransfer-Encoding: chunked\r\nTransfer-encoding: x\r\n|0\r\n\r\n"
            + PREFIX,
        "Content-Length: 6\r\nTransfer-Encoding: gzip, chunked\r\n|0\r\n\r\n" + PREFIX
      })
  void aSmuggledRequestNeverReachesUserbaseAndTheNextClientGetsItsOwnAnswer(String pair)
      throws Exception {
    String[] parts = pair.split("\\|", 2);
    assertNeverServesTheMarker(() -> {
      String attacker = send(attack(parts[0], parts[1]));
      System.out.printf(
          "smuggling through nginx: %s -> %s%n",
          parts[0].replace("\r\n", " | "),
          attacker.lines().filter(l -> l.startsWith("HTTP/")).toList());
      // The victims come after, on the proxy's pooled connections to Userbase.
      for (int i = 0; i < 3; i++) {
        String victim =
            send("GET /users/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(victim)
            .as("a victim after " + attacker.lines().findFirst().orElse("-"))
            .startsWith("HTTP/1.1 200 ")
            .endsWith(victimAnswer);
      }
    });
  }

  /**
   * Behind a front proxy that frames by Content-Length alone and shares one connection to the
   * server (not nginx, which refuses these pairs itself), the server is what stands between a
   * smuggled prefix and the next client: it refuses the ambiguous request and closes the
   * connection, so the prefix goes with it. A server that read the chunks instead would take the
   * prefix as the start of the victim's request, and answer the victim for the marker.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Transfer-Encoding: chunked\r\n",
        "Transfer-Encoding: gzip, chunked\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"
      })
  void behindAProxyThatFramesByLengthTheSmuggledPrefixDiesWithItsConnection(String encoding)
      throws Exception {
    String body = "0\r\n\r\n" + PREFIX;
    assertNeverServesTheMarker(() -> {
      try (LengthFramingProxy proxy = new LengthFramingProxy("127.0.0.1", server.getPort())) {
        String attacker =
            viaProxy(proxy, attack("Content-Length: " + body.length() + "\r\n" + encoding, body));
        String victim = viaProxy(proxy, "GET /users/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(attacker).startsWith("HTTP/1.1 400 ");
        assertThat(victim)
            .as("the next client's answer")
            .startsWith("HTTP/1.1 200 ")
            .endsWith(victimAnswer);
      }
    });
  }

  private interface Attack {
    void run() throws Exception;
  }

  /** Runs the attack and what follows it while recording what Userbase served: never the marker. */
  private static void assertNeverServesTheMarker(Attack attack) throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("userbase.access");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    access.addAppender(seen);
    try {
      attack.run();
    } finally {
      access.detachAppender(seen);
    }
    assertThat(seen.list)
        .as("requests Userbase served")
        .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains(MARKER));
  }

  /** One request through the proxy, on a connection of its own; the answer it relays. */
  private static String viaProxy(LengthFramingProxy proxy, String request) throws Exception {
    java.util.concurrent.CompletableFuture<Void> relayed =
        java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            proxy.relayOne();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    try (Socket client = new Socket("127.0.0.1", proxy.port())) {
      client.setSoTimeout(RawHttp.TIMEOUT_MS);
      client.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String answer =
          new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      relayed.get(RawHttp.TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return answer;
    }
  }

  /** Sends the bytes to nginx and reads what comes back until it closes or stays quiet 2 s. */
  private String send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
      } catch (SocketTimeoutException quiet) {
        // nginx keeps an attacker's connection open for its next request: what came is the answer
      }
      return answer.toString();
    }
  }
}
