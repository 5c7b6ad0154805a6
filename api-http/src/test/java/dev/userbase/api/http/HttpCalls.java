package dev.userbase.api.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw HTTP calls, so that tests control every header and byte the server sees. */
public final class HttpCalls {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final Observer observer;

  /** Sees every exchange, such as a check against the published spec. */
  @FunctionalInterface
  public interface Observer {
    void seen(String method, URI uri, HttpResponse<String> response);
  }

  public HttpCalls(URI base) {
    this(base, (method, uri, response) -> {});
  }

  private HttpCalls(URI base, Observer observer) {
    this.base = base;
    this.observer = observer;
  }

  /** The same calls, each shown to the observer once answered. */
  public HttpCalls observedBy(Observer observer) {
    return new HttpCalls(base, observer);
  }

  public HttpResponse<String> send(
      String method, String path, String contentType, String body, String... headers) {
    return sendBytes(
        method,
        path,
        contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  /** Sends the body's bytes exactly as given, well-formed UTF-8 or not. */
  public HttpResponse<String> sendBytes(
      String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      observer.seen(method, base.resolve(path), response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return send("POST", path, "application/json", json, headers);
  }

  public HttpResponse<String> putJson(String path, String json, String... headers) {
    return send("PUT", path, "application/json", json, headers);
  }

  public HttpResponse<String> delete(String path, String... headers) {
    return send("DELETE", path, null, null, headers);
  }
}
