package dev.userbase.api.http.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The published contract: the spec micronaut-openapi generated from this module's code at build
 * time, at {@code /openapi.json}, and the Swagger UI and ReDoc pages it generated beside it, at
 * {@code /docs} and {@code /redoc}. All of it is served from the jar: the pages need no network.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Userbase",
            version = "1",
            description = "Create, read, list, search, update and delete users, and the groups"
                + " they belong to. Errors are RFC 9457 problem+json. With tokens configured,"
                + " every call needs a bearer token holding its scope: users:read and users:write"
                + " for users, groups:read and groups:write for groups and memberships, admin for"
                + " /admin."),
    // Relative: the spec describes whichever server serves it, and Swagger UI calls that one.
    servers = @Server(url = "/", description = "The server that serves this document"))
@SecurityScheme(
    name = PublishedApi.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A token from `bin/userbase token create`, or a JWT from the configured"
        + " identity provider.")
@Controller
@Hidden
public final class PublishedApi {

  public static final String BEARER = "bearer";
  private static final String SPEC = "META-INF/swagger/userbase.json";
  private static final String VIEWS = "META-INF/swagger/views/";

  private final byte[] spec = resource(SPEC);
  private final byte[] swaggerUi = resource(VIEWS + "swagger-ui/index.html");
  private final byte[] redoc = resource(VIEWS + "redoc/index.html");

  @Get(uri = "/openapi.json", produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> spec() {
    return HttpResponse.ok(spec);
  }

  @Get(uri = "/docs", produces = MediaType.TEXT_HTML)
  HttpResponse<byte[]> swaggerUi() {
    return HttpResponse.ok(swaggerUi);
  }

  @Get(uri = "/redoc", produces = MediaType.TEXT_HTML)
  HttpResponse<byte[]> redoc() {
    return HttpResponse.ok(redoc);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PublishedApi.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar: build with ./mvnw");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
