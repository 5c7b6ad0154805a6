package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real SQLite file. Every test holds the writer inside a write with a latch while
 * it queues the writes of the next batch, so each batch's contents are exact and nothing depends on
 * timing; every wait has a bound.
 */
class GroupCommitWriterTest {

  private static final int BOUND_SECONDS = 30;

  @TempDir
  Path folder;

  private ApplicationContext context;
  private GroupCommitWriter writer;
  private UserRepository users;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() {
    release.countDown();
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
    writer = context.getBean(GroupCommitWriter.class);
    users = context.getBean(UserRepository.class);
  }

  private void start() {
    start(Map.of());
  }

  private static User newUser(String name, String email) {
    return User.create(
        UserName.of(name), email == null ? null : Email.of(email), Clock.systemUTC());
  }

  /** Occupies the writer with a write that waits for {@link #release}; returns its future. */
  private Future<?> holdWriter() throws InterruptedException {
    CountDownLatch inWriter = new CountDownLatch(1);
    Future<?> held = threads.submit(() -> writer.submit(() -> {
      inWriter.countDown();
      awaitQuietly(release);
      return null;
    }));
    assertThat(inWriter.await(BOUND_SECONDS, TimeUnit.SECONDS))
        .as("writer held")
        .isTrue();
    return held;
  }

  /** Waits, with a bound, until this many writes are queued behind the held one. */
  private void awaitQueued(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (writer.queued() < count) {
      assertThat(System.nanoTime()).as("%d writes queued in time", count).isLessThan(deadline);
      Thread.sleep(2);
    }
    assertThat(writer.queued()).isEqualTo(count);
  }

  private <T> Future<T> submitAsync(Supplier<T> write) {
    return threads.submit(() -> writer.submit(write));
  }

  private Future<User> insertAsync(String name, String email) {
    return threads.submit(() -> users.insert(newUser(name, email)));
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      future.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    return null;
  }

  private int storedUsers() {
    return users.list(0, Optional.empty(), 500).size();
  }

  /** Runs SQL on the writer's own connection, inside the transaction of the write. */
  private Supplier<Void> sql(String... statements) {
    TransactionOperations<?> transactions =
        context.getBean(TransactionOperations.class, Qualifiers.byName("default"));
    return () -> {
      try (Statement statement = ((Connection) transactions.getConnection()).createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
        return null;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  @Test
  void theWritesQueuedBehindABatchShareExactlyOneCommit() throws Exception {
    start();
    Future<?> held = holdWriter();
    List<Future<User>> inserts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inserts.add(insertAsync("U" + i, "user" + i + "@example.com"));
    }
    awaitQueued(20);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<User> insert : inserts) {
      User stored = insert.get(BOUND_SECONDS, TimeUnit.SECONDS);
      // Visible through the reader pool the moment the caller hears of it: committed.
      assertThat(users.findById(stored.id())).contains(stored);
    }

    assertThat(writer.commits()).isEqualTo(2);
    assertThat(writer.writes()).isEqualTo(21);
    assertThat(storedUsers()).isEqualTo(20);
  }

  @Test
  void aConstraintFailsOneWriteAloneAndTheRestOfItsBatchCommits() throws Exception {
    start();
    Future<?> held = holdWriter();
    List<Future<User>> inserts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inserts.add(insertAsync("U" + i, i == 9 ? "user0@example.com" : "user" + i + "@example.com"));
      awaitQueued(i + 1);
    }

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    List<Throwable> failures = new ArrayList<>();
    for (Future<User> insert : inserts) {
      Throwable failure = failureOf(insert);
      if (failure != null) {
        failures.add(failure);
      }
    }

    assertThat(failures).singleElement().isInstanceOf(EmailAlreadyTakenException.class);
    assertThat(writer.commits()).isEqualTo(2);
    assertThat(storedUsers()).isEqualTo(9);
    assertThat(writer.problem()).isNull();
  }

  @Test
  void aFullDiskFailsEveryCallerOfTheBatchStoresNothingAndRecoversOnceThereIsRoom()
      throws Exception {
    start();
    SqliteFaultInjection.fillTheDisk(context);
    Future<?> held = holdWriter();
    List<Future<User>> inserts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      inserts.add(insertAsync("x".repeat(190) + i, null));
    }
    awaitQueued(40);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<User> insert : inserts) {
      assertThat(failureOf(insert))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("SQLITE_FULL")
          .satisfies(
              e -> assertThat(((StoreUnavailableException) e).mayHaveWritten()).isFalse());
    }
    assertThat(storedUsers()).isZero();
    assertThat(writer.problem()).contains("SQLITE_FULL");
    assertThat(writer.probe()).contains("SQLITE_FULL");

    SqliteFaultInjection.freeTheDisk(context);
    assertThat(writer.probe()).isNull();
    assertThat(writer.problem()).isNull();
    assertThat(users.insert(newUser("After", null)).id()).isNotNull();
  }

  /**
   * The outbox's INSERT is kept prepared on the writer's connection, and sqlite-jdbc finalizes a
   * statement whose step finds the disk full: kept as it was, it would fail every write after.
   * Updates rewrite the user's row in place, so only the events grow the file, and the event's
   * INSERT is the statement that meets the full disk.
   */
  @Test
  void anEventThatFindsTheDiskFullFailsItsWriteAndEventsAreWrittenAgainOnceThereIsRoom() {
    start();
    User user = users.insert(newUser("Same length", null));
    SqliteFaultInjection.fillTheDisk(context);
    StoreUnavailableException full = null;
    for (int i = 0; i < 1000 && full == null; i++) {
      User current = users.findById(user.id()).orElseThrow();
      try {
        users.update(current.changeDetails(current.name(), null, Clock.systemUTC()));
      } catch (StoreUnavailableException e) {
        full = e;
      }
    }
    assertThat(full).as("a write that met the full disk").isNotNull();
    assertThat(full).hasMessageContaining("SQLITE_FULL");
    long versionBefore = users.findById(user.id()).orElseThrow().version();

    SqliteFaultInjection.freeTheDisk(context);
    User current = users.findById(user.id()).orElseThrow();
    assertThat(users.update(current.changeDetails(current.name(), null, Clock.systemUTC())))
        .isTrue();
    ChangeFeed feed = context.getBean(ChangeFeed.class);
    List<ChangeEvent> last = feed.after(feed.bounds().last() - 1, 10);
    assertThat(last).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(ChangeType.USER_UPDATED);
      assertThat(event.resourceId()).isEqualTo(Long.toString(user.id().value()));
      assertThat(event.version()).isEqualTo(versionBefore + 1);
    });
  }

  @Test
  void aFailedCommitFailsEveryCallerOfTheBatchAndStoresNothing() throws Exception {
    start();
    // A deferred foreign key is checked only at COMMIT: a dangling one makes the COMMIT fail.
    writer.submit(
        sql(
            "CREATE TABLE dangling (user_id INTEGER REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED)"));
    Future<?> held = holdWriter();
    List<Future<?>> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(insertAsync("U" + i, "user" + i + "@example.com"));
    }
    batch.add(submitAsync(sql("INSERT INTO dangling VALUES (987654321)")));
    awaitQueued(6);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<?> write : batch) {
      assertThat(failureOf(write))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("FOREIGN");
    }
    assertThat(storedUsers()).isZero();
    // The table's creation and the held write committed; the failed batch did not.
    assertThat(writer.commits()).isEqualTo(2);
  }

  @Test
  void aBatchMarkedRollbackOnlyFailsEveryCallerAndStoresNothing() throws Exception {
    start();
    TransactionOperations<?> transactions =
        context.getBean(TransactionOperations.class, Qualifiers.byName("default"));
    Future<?> held = holdWriter();
    List<Future<?>> batch = new ArrayList<>();
    batch.add(insertAsync("A", "a@example.com"));
    awaitQueued(1);
    batch.add(submitAsync(() -> {
      // What a nested @Transactional that failed would leave behind.
      transactions.findTransactionStatus().orElseThrow().setRollbackOnly();
      return null;
    }));
    awaitQueued(2);
    batch.add(insertAsync("B", "b@example.com"));
    awaitQueued(3);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<?> write : batch) {
      assertThat(failureOf(write))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("rollback-only");
    }
    assertThat(storedUsers()).isZero();
  }

  @Test
  void anInterruptOfTheWriterThreadDoesNotStopIt() throws Exception {
    start(Map.of("userbase.sqlite.max-batch-wait-ms", 50));
    writer.submit(() -> {
      Thread.currentThread().interrupt();
      return null;
    });

    for (int i = 0; i < 3; i++) {
      assertThat(users.insert(newUser("U" + i, null)).id()).isNotNull();
    }
    assertThat(writer.problem()).isNull();
    assertThat(storedUsers()).isEqualTo(3);
  }

  @Test
  void anUnexpectedErrorFailsItsWholeBatchAndTheWriterGoesOn() throws Exception {
    start();
    Future<?> held = holdWriter();
    List<Future<?>> batch = new ArrayList<>();
    batch.add(insertAsync("A", null));
    awaitQueued(1);
    batch.add(submitAsync(() -> {
      throw new AssertionError("a bug in a write");
    }));
    awaitQueued(2);
    batch.add(insertAsync("B", null));
    awaitQueued(3);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<?> write : batch) {
      assertThat(failureOf(write)).isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(storedUsers()).isZero();
    assertThat(users.insert(newUser("After", null)).id()).isNotNull();
    assertThat(storedUsers()).isEqualTo(1);
  }

  @Test
  void aCallerThatWaitsTooLongWithdrawsItsWriteWhichIsNeverRun() throws Exception {
    start(Map.of("userbase.sqlite.write-timeout-ms", 200));
    Future<?> held = holdWriter();
    AtomicInteger ran = new AtomicInteger();

    assertThatThrownBy(() -> writer.submit(ran::incrementAndGet))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("withdrawn")
        .satisfies(
            e -> assertThat(((StoreUnavailableException) e).mayHaveWritten()).isFalse());

    release.countDown();
    // The held write's own caller may have run out of time too; either way it ends.
    failureOf(held);
    // A later write runs after anything queued before it: the withdrawn one was skipped.
    writer.submit(() -> null);
    assertThat(ran).hasValue(0);
  }

  @Test
  void closeCommitsWhatIsQueuedAndRefusesLaterWritesAtOnce() throws Exception {
    start();
    Future<?> held = holdWriter();
    List<Future<User>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(insertAsync("U" + i, null));
    }
    awaitQueued(5);
    Future<?> closing = threads.submit(writer::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!writer.closing()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(2);
    }

    assertThatThrownBy(() -> writer.submit(() -> 1)).isInstanceOf(StoreBusyException.class);

    release.countDown();
    closing.get(BOUND_SECONDS, TimeUnit.SECONDS);
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    for (Future<User> write : queued) {
      assertThat(write.get(BOUND_SECONDS, TimeUnit.SECONDS).id()).isNotNull();
    }
    assertThat(storedUsers()).isEqualTo(5);
  }

  @Test
  void aFullQueueRefusesAtOnceAndDoesNothing() throws Exception {
    start(Map.of("userbase.sqlite.write-queue-capacity", 1));
    Future<?> held = holdWriter();
    Future<Integer> queued = submitAsync(() -> 2);
    awaitQueued(1);
    AtomicInteger ran = new AtomicInteger();

    assertThatThrownBy(() -> writer.submit(ran::incrementAndGet))
        .isInstanceOf(StoreBusyException.class);

    release.countDown();
    held.get(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(queued.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(ran).hasValue(0);
    assertThat(writer.writes()).isEqualTo(2);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
