package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real SQLite file: batching, failure isolation, durability, admission. */
class GroupCommitWriterTest {

  @TempDir
  Path folder;

  private ApplicationContext context;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
    if (context != null) {
      context.close();
    }
  }

  private void start(Map<String, Object> extra) {
    Map<String, Object> properties =
        new HashMap<>(SqliteTestContexts.properties(folder.resolve("users.db")));
    properties.putAll(extra);
    context = ApplicationContext.run(properties);
  }

  private static User newUser(String name, String email) {
    return User.create(
        UserName.of(name), email == null ? null : Email.of(email), Clock.systemUTC());
  }

  @Test
  void concurrentWritesShareCommitsAndEachCallerSeesItsRowCommitted() throws Exception {
    start(Map.of("userbase.sqlite.max-batch-wait-ms", 20));
    UserRepository users = context.getBean(UserRepository.class);
    GroupCommitWriter writer = context.getBean(GroupCommitWriter.class);

    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String email = "user" + i + "@example.com";
      results.add(threads.submit(() -> {
        User stored = users.insert(newUser("U", email));
        // Read through the reader pool: visible there only once committed.
        return users.findById(stored.id()).isPresent();
      }));
    }
    for (Future<Boolean> visible : results) {
      assertThat(visible.get(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(writer.writes()).isEqualTo(200);
    assertThat(writer.commits()).isLessThan(200);
    assertThat(users.list(0, Optional.empty(), 500)).hasSize(200);
  }

  @Test
  void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
    start(Map.of("userbase.sqlite.max-batch-wait-ms", 200));
    UserRepository users = context.getBean(UserRepository.class);
    GroupCommitWriter writer = context.getBean(GroupCommitWriter.class);

    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String email = i == 9 ? "user0@example.com" : "user" + i + "@example.com";
      results.add(threads.submit(() -> users.insert(newUser("U", email))));
    }
    int failed = 0;
    for (Future<?> result : results) {
      try {
        result.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(EmailAlreadyTakenException.class);
        failed++;
      }
    }

    assertThat(failed).isEqualTo(1);
    assertThat(writer.commits()).isLessThan(10);
    assertThat(users.list(0, Optional.empty(), 100)).hasSize(9);
  }

  @Test
  void aFullQueueRefusesAtOnceAndDoesNothing() throws Exception {
    start(Map.of("userbase.sqlite.write-queue-capacity", 1));
    GroupCommitWriter writer = context.getBean(GroupCommitWriter.class);
    CountDownLatch inWriter = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    Future<?> blocking = threads.submit(() -> writer.submit(() -> {
      inWriter.countDown();
      await(release);
      return 1;
    }));
    assertThat(inWriter.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> queued = threads.submit(() -> writer.submit(() -> 2));
    while (writer.queued() != 1) {
      Thread.sleep(5);
    }

    long start = System.nanoTime();
    assertThatThrownBy(() -> writer.submit(() -> 3)).isInstanceOf(StoreBusyException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);

    release.countDown();
    blocking.get(10, TimeUnit.SECONDS);
    queued.get(10, TimeUnit.SECONDS);
    assertThat(writer.writes()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
