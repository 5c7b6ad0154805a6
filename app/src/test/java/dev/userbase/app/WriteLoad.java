package dev.userbase.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writers that create users as fast as the server answers, each noting every outcome: the status
 * of each answer, each acknowledged user (id and name), each request sent without an answer, and
 * each connection refused. A writer stops when the server refuses its connection, tells it that
 * it is shutting down, or the time bound passes.
 */
final class WriteLoad {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Thread> writers = new ArrayList<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> badAnswers = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;

  WriteLoad(URI base) {
    this.base = base;
  }

  /** Starts {@code count} writers that run for at most {@code bound}. */
  WriteLoad start(int count, String prefix, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    for (int w = 0; w < count; w++) {
      int writer = w;
      Thread thread = new Thread(() -> write(prefix + "-" + writer + "-", deadline), "writer-" + w);
      writers.add(thread);
      thread.start();
    }
    return this;
  }

  private void write(String prefix, long deadline) {
    for (int i = 0; !stopped && System.nanoTime() < deadline; i++) {
      String name = prefix + i;
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/users"))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
          .build();
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException e) {
        refused.incrementAndGet();
        return;
      } catch (IOException e) {
        unanswered.add(name + ": " + e);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      if (response.statusCode() == 201) {
        Matcher id = ID.matcher(response.body());
        if (!id.find() || !response.body().contains("\"name\":\"" + name + "\"")) {
          badAnswers.add("201 without the user: " + response.body());
        } else {
          acknowledged.put(Long.parseLong(id.group(1)), name);
        }
      } else if (response.statusCode() == 503) {
        if (!response
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/problem+json")
            || response.headers().firstValue("Retry-After").isEmpty()) {
          badAnswers.add("503 without problem+json or Retry-After: " + response.body());
        }
        if (response.body().contains("shutting-down")) {
          // As a client behind a load balancer would: this instance is going, try elsewhere.
          return;
        }
      } else {
        badAnswers.add(response.statusCode() + ": " + response.body());
      }
    }
  }

  /** Waits, at most {@code bound}, until this many writes have been acknowledged. */
  void awaitAcknowledged(int count, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (acknowledged.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + acknowledged.size() + " writes acknowledged in " + bound);
      }
      Thread.sleep(5);
    }
  }

  /**
   * Waits, at most {@code bound}, for every writer to end by itself (refused, told to go, or cut
   * off); then stops any that is still going and waits for it.
   */
  void awaitEnd(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    for (Thread writer : writers) {
      writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    stopped = true;
    for (Thread writer : writers) {
      writer.join(TimeUnit.SECONDS.toMillis(35));
    }
  }

  Map<Integer, Integer> statuses() {
    Map<Integer, Integer> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.get()));
    return counts;
  }

  Map<Long, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  List<String> unanswered() {
    return List.copyOf(unanswered);
  }

  int refused() {
    return refused.get();
  }

  List<String> badAnswers() {
    return List.copyOf(badAnswers);
  }
}
