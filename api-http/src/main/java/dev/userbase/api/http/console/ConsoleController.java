package dev.userbase.api.http.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The console: a few static files from the jar, at {@code /console/}, that work the public API
 * from the browser. Every answer carries a strict Content-Security-Policy (the page's own scripts
 * and styles only, no inline code, no frames), {@code nosniff} and {@code no-referrer}; the files
 * are checked for changes by their ETag.
 */
@Controller("/console")
@Hidden
final class ConsoleController {

  /** What a console page may load and do: its own files and calls to this server, no more. */
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "console.css", "text/css; charset=utf-8",
      "icon.svg", "image/svg+xml",
      "console.js", "text/javascript; charset=utf-8",
      "api.js", "text/javascript; charset=utf-8",
      "dom.js", "text/javascript; charset=utf-8",
      "ui.js", "text/javascript; charset=utf-8",
      "resources.js", "text/javascript; charset=utf-8",
      "users.js", "text/javascript; charset=utf-8",
      "groups.js", "text/javascript; charset=utf-8");

  private static final Map<String, Asset> ASSETS = load();

  private record Asset(byte[] bytes, String type, String etag) {}

  private static Map<String, Asset> load() {
    Map<String, Asset> assets = new java.util.HashMap<>();
    TYPES.forEach((name, type) -> assets.put(name, asset(name, type)));
    assets.put("operations.js", asset("operations.js", "text/javascript; charset=utf-8"));
    return Map.copyOf(assets);
  }

  private static Asset asset(String name, String type) {
    try (InputStream in = ConsoleController.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("console/" + name + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      String etag =
          "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8)
              + "\"";
      return new Asset(bytes, type, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code /console} sends the browser to {@code /console/}, so the page's relative links work. */
  @Get
  HttpResponse<?> index(HttpRequest<?> request) {
    if (!request.getPath().endsWith("/")) {
      return secured(HttpResponse.<byte[]>status(HttpStatus.PERMANENT_REDIRECT)
          .header("Location", "/console/"));
    }
    return file(request, "index.html");
  }

  @Get("/{name}")
  HttpResponse<?> file(HttpRequest<?> request, String name) {
    Asset asset = ASSETS.get(name);
    if (asset == null) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "The console has no such file");
    }
    if (asset.etag().equals(request.getHeaders().get("If-None-Match"))) {
      return secured(HttpResponse.<byte[]>notModified().header("ETag", asset.etag()));
    }
    return secured(HttpResponse.ok(asset.bytes())
        .contentType(asset.type())
        .header("ETag", asset.etag())
        .header("Cache-Control", "no-cache"));
  }

  private static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
    return response
        .header("Content-Security-Policy", POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cross-Origin-Opener-Policy", "same-origin");
  }

  static String text(String name) {
    return new String(ASSETS.get(name).bytes(), StandardCharsets.UTF_8);
  }
}
