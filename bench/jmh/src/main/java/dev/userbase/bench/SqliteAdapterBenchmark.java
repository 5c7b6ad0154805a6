package dev.userbase.bench;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite adapter against raw sqlite-jdbc with the same PRAGMAs, on one file, in one run, so
 * that the ratios mean something on a noisy machine. Throughput in operations per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class SqliteAdapterBenchmark {

  private static final int SEEDED = 10_000;
  private static final Clock CLOCK = Clock.systemUTC();

  private Path folder;
  private Path file;
  private ApplicationContext context;
  private UserRepository users;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void start() throws Exception {
    folder = Files.createTempDirectory("userbase-jmh");
    file = folder.resolve("users.db");
    context = ApplicationContext.run(Map.of(
        "userbase.sqlite.path", file.toString(),
        "userbase.sqlite.synchronous", "FULL",
        "datasources.default.schema-generate", "NONE",
        "datasources.sqlite-reader.schema-generate", "NONE"));
    users = context.getBean(UserRepository.class);
    try (Connection c = rawConnection(false)) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        for (int i = 1; i <= SEEDED; i++) {
          bindInsert(insert, "seed" + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    context.close();
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static final String INSERT =
      "INSERT INTO users (name, email, created_at, updated_at, version) VALUES (?, ?, ?, ?, 1)";
  private static final String FIND =
      "SELECT id, name, email, created_at, updated_at, version FROM users WHERE id = ?";

  private static void bindInsert(PreparedStatement insert, String key) throws SQLException {
    long now = System.currentTimeMillis();
    insert.setString(1, "User " + key);
    insert.setString(2, key + "@bench.example");
    insert.setLong(3, now);
    insert.setLong(4, now);
  }

  /** A connection opened as the adapter opens its own: WAL, foreign keys, busy timeout, FULL. */
  Connection rawConnection(boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5000);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    if (readOnly) {
      config.setReadOnly(true);
    } else {
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, SEEDED + 1);
  }

  /** A raw connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Raw {
    Connection reader;
    PreparedStatement find;
    Connection writer;
    PreparedStatement insert;

    @Setup(Level.Trial)
    public void open(SqliteAdapterBenchmark bench) throws SQLException {
      reader = bench.rawConnection(true);
      find = reader.prepareStatement(FIND);
      writer = bench.rawConnection(false);
      insert = writer.prepareStatement(INSERT);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      find.close();
      reader.close();
      insert.close();
      writer.close();
    }
  }

  @Benchmark
  @Threads(1)
  public User adapterFindById() {
    return users.findById(new UserId(randomId())).orElseThrow();
  }

  @Benchmark
  @Threads(1)
  public void rawFindById(Raw raw, Blackhole hole) throws SQLException {
    raw.find.setLong(1, randomId());
    try (ResultSet rs = raw.find.executeQuery()) {
      rs.next();
      hole.consume(rs.getLong(1));
      hole.consume(rs.getString(2));
      hole.consume(rs.getString(3));
      hole.consume(rs.getLong(4));
      hole.consume(rs.getLong(5));
      hole.consume(rs.getLong(6));
    }
  }

  /** One caller: every insert is its own commit, so its own fsync. */
  @Benchmark
  @Threads(1)
  public User adapterInsertOneCaller() {
    return users.insert(newUser());
  }

  /** 64 callers at once, as under HTTP load: the writer commits them in groups. */
  @Benchmark
  @Threads(64)
  public User adapterInsert64Callers() {
    return users.insert(newUser());
  }

  /** The disk's limit: raw sqlite-jdbc, one row per transaction, synchronous=FULL. */
  @Benchmark
  @Threads(1)
  public int rawInsertSingleRowCommit(Raw raw) throws SQLException {
    bindInsert(raw.insert, "raw" + sequence.incrementAndGet());
    return raw.insert.executeUpdate();
  }

  private User newUser() {
    long n = sequence.incrementAndGet();
    return User.create(UserName.of("User " + n), Email.of("jmh" + n + "@bench.example"), CLOCK);
  }
}
