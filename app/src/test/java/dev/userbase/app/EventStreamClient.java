package dev.userbase.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for the tests, as a browser's EventSource reads a stream: fields by
 * line, an event at each blank line, comments kept apart. It reads on a thread of its own.
 */
final class EventStreamClient implements AutoCloseable {

  /** One dispatched event: its {@code id:}, {@code event:} and {@code data:}. */
  record Received(String id, String event, String data) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile String retry;
  private volatile boolean ended;

  private EventStreamClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "test-event-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code path} with {@code Accept: text/event-stream} and these headers. */
  static EventStreamClient open(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "text/event-stream")
        .GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<InputStream> response = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .build()
        .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new EventStreamClient(response);
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The next event, waiting up to {@code timeout}; null when none came. */
  Received next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next {@code count} events, failing when they do not all come within {@code timeout}. */
  List<Received> next(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Received> got = new ArrayList<>();
    while (got.size() < count) {
      long left = deadline - System.nanoTime();
      Received event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("got " + got.size() + " of " + count + " events: " + got);
      }
      got.add(event);
    }
    return got;
  }

  /** The comments seen so far, taken. */
  List<String> takeComments() {
    List<String> taken = new ArrayList<>();
    comments.drainTo(taken);
    return taken;
  }

  String retry() {
    return retry;
  }

  /** Whether the server ended the stream. */
  boolean ended() {
    return ended;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Received(id, event, data.toString()));
          }
          event = null;
          data = null;
          continue;
        }
        if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "retry" -> retry = value;
          case "data" -> {
            if (!value.isEmpty() || data != null) {
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
          }
          default -> {
            // unknown fields are ignored, as EventSource does
          }
        }
      }
    } catch (IOException closed) {
      // closed by the test, or cut by the server
    } finally {
      ended = true;
    }
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
