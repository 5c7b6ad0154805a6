package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed JWTs from an identity provider: the test makes the key pair and serves its JWKS; the
 * service checks signature, expiry, issuer and audience through micronaut-security-jwt, and takes
 * scopes from {@code scope} or {@code scp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class JwtAccessTest implements SqliteTestDatabase {

  private static final String ISSUER = "https://idp.example.test/";
  private static final String AUDIENCE = "userbase";

  private final RSAKey key = newKey("idp-key-1");
  private final RSAKey impostor = newKey("idp-key-1");
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final HttpServer jwks = serve(new JWKSet(key.toPublicJWK()).toString());

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put(
        "userbase.auth.jwks-url",
        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
    properties.put("userbase.auth.jwt-issuer", ISSUER);
    properties.put("userbase.auth.jwt-audience", AUDIENCE);
    return properties;
  }

  @AfterAll
  void stopJwks() {
    jwks.stop(0);
  }

  private static RSAKey newKey(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpServer serve(String document) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/.well-known/jwks.json", exchange -> {
        jwksFetches.incrementAndGet();
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      http.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject("svc-billing")
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  private static String[] bearer(RSAKey signer, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256)
              .keyID(signer.getKeyID())
              .type(JOSEObjectType.JWT)
              .build(),
          claims);
      jwt.sign(new RSASSASigner(signer));
      return new String[] {"Authorization", "Bearer " + jwt.serialize()};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aValidTokenWithTheRightScopePasses() {
    HttpCalls http = new HttpCalls(server.getURI());
    String[] readWrite =
        bearer(key, claims().claim("scope", "users:read users:write").build());
    HttpResponse<String> created = http.postJson("/users", "{\"name\":\"From IdP\"}", readWrite);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(http.get(created.headers().firstValue("Location").orElseThrow(), readWrite)
            .statusCode())
        .isEqualTo(200);

    String[] scp = bearer(key, claims().claim("scp", List.of("users:read")).build());
    assertThat(http.get("/users", scp).statusCode()).isEqualTo(200);
    assertThat(jwksFetches.get()).isPositive();
  }

  @Test
  void aMissingScopeIs403NamingIt() {
    HttpCalls http = new HttpCalls(server.getURI());
    String[] readOnly = bearer(key, claims().claim("scope", "users:read").build());
    HttpResponse<String> refused = http.postJson("/users", "{\"name\":\"No\"}", readOnly);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("'users:write'");
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"insufficient_scope\"");

    String[] none = bearer(key, claims().build());
    assertThat(http.get("/users", none).statusCode()).isEqualTo(403);
  }

  @Test
  void aWrongSignatureAnExpiredTokenAWrongAudienceOrIssuerAre401InvalidToken() {
    HttpCalls http = new HttpCalls(server.getURI());
    Instant past = Instant.now().minusSeconds(3600);
    Map<String, String[]> bad = Map.of(
        "wrong signature",
        bearer(impostor, claims().claim("scope", "users:read").build()),
        "expired",
        bearer(
            key,
            claims()
                .claim("scope", "users:read")
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))
                .build()),
        "wrong audience",
        bearer(
            key, claims().audience("another-api").claim("scope", "users:read").build()),
        "wrong issuer",
        bearer(
            key,
            claims()
                .issuer("https://evil.example.test/")
                .claim("scope", "users:read")
                .build()),
        "no subject",
        bearer(key, claims().subject(null).claim("scope", "users:read").build()));
    bad.forEach((why, header) -> {
      HttpResponse<String> refused = http.get("/users", header);
      assertThat(refused.statusCode()).as(why).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
          .as(why)
          .isEqualTo("Bearer realm=\"userbase\", error=\"invalid_token\"");
      assertThat(refused.body()).as(why).contains("\"status\":401");
    });
  }
}
