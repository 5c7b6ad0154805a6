package dev.userbase.persistence.jdbc;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed on any store: reads of {@code events} by position, and one thread that gives positions
 * to committed events and tells the readers of this process when there are new ones.
 *
 * <p><b>Positions in commit order, with no gap.</b> Where writers run concurrently (PostgreSQL,
 * MariaDB), an event is written with no position: an id taken at INSERT says nothing of the order
 * of commits, and a reader that passed id 42 would miss a 41 that committed later. The stamping
 * transaction, one at a time in the whole cluster (it locks {@code feed_head}'s row first), reads
 * only committed events, under READ COMMITTED, and numbers them after the last position given.
 * So a position is never filled after a reader could have passed it. On SQLite the single writer
 * already serialises every transaction: an event's id (AUTOINCREMENT, rolled back with its change)
 * is its position, and there is nothing to stamp.
 *
 * <p><b>Other instances.</b> The thread also looks every {@link #POLL} for positions given by
 * another process on the same database, and stamps what a process that died before stamping left.
 */
public final class JdbcChangeFeed implements ChangeFeed, AutoCloseable {

  /** How often the thread looks for changes made by other processes. */
  public static final Duration POLL = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcChangeFeed.class);
  private static final int STAMP_BATCH = 2000;

  /**
   * Whether any event waits for its position ({@code unstamped} says what marks one). With no
   * order asked, every store finds it on the index that holds the unstamped events; with {@code
   * ORDER BY id} MariaDB, and PostgreSQL on statistics that lag, walked the primary key over every
   * stamped event instead.
   */
  public static String anyUnstamped(String unstamped) {
    return "SELECT id FROM events WHERE " + unstamped + " LIMIT 1";
  }

  /** The next events to stamp, in the order they were written. */
  public static String unstamped(String unstamped) {
    return "SELECT id FROM events WHERE " + unstamped + " ORDER BY id LIMIT " + STAMP_BATCH;
  }

  /**
   * Stamps one event. "Still unstamped" lets a store find the row among the unstamped ones alone
   * (PostgreSQL's events have no key on id: see its migration V6).
   */
  public static String stamp(String unstamped) {
    return "UPDATE events SET feed_position = ? WHERE id = ? AND " + unstamped;
  }

  private static final long GATHER_NANOS = 20_000_000;

  private final DataSource reads;
  private final JdbcUserRepository.Writes maintenance;
  private final Supplier<Connection> connection;
  private final boolean stamps;
  private final String positionColumn;
  private final String anyUnstamped;
  private final String nextUnstamped;
  private final String stampOne;
  private final StoreFaults faults;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Object signal = new Object();
  private final Thread thread;
  private boolean woken;
  private volatile boolean closed;
  private volatile long lastSeen = -1;
  private long lastFailureLog;

  /**
   * @param reads where the events are read
   * @param maintenance runs a transaction that stamps or prunes (READ COMMITTED where the store has
   *     concurrent writers)
   * @param connection that transaction's connection
   * @param unstamped where events are written without a position and stamped after commit (in
   *     {@code feed_position}), what marks one not stamped yet ({@link ServerStore#unstamped});
   *     null where the event's id is its position
   */
  public JdbcChangeFeed(
      DataSource reads,
      JdbcUserRepository.Writes maintenance,
      Supplier<Connection> connection,
      String unstamped,
      StoreFaults faults) {
    this.reads = reads;
    this.maintenance = maintenance;
    this.connection = connection;
    this.stamps = unstamped != null;
    this.positionColumn = stamps ? "feed_position" : "id";
    this.anyUnstamped = stamps ? anyUnstamped(unstamped) : null;
    this.nextUnstamped = stamps ? unstamped(unstamped) : null;
    this.stampOne = stamps ? stamp(unstamped) : null;
    this.faults = faults;
    this.thread = new Thread(this::run, "userbase-feed");
    thread.setDaemon(true);
  }

  /**
   * Starts the thread, if it has not started: with the first reader or the first change, or at
   * once where the feed is on and events may come from other processes to be stamped.
   */
  public void start() {
    if (thread.getState() == Thread.State.NEW) {
      synchronized (thread) {
        if (thread.getState() == Thread.State.NEW && !closed) {
          thread.start();
        }
      }
    }
  }

  /**
   * A change committed: stamp and announce its events now rather than at the next look. Where
   * nothing is stamped and no reader listens (SQLite with no stream open), there is nothing to do;
   * and a thread already woken is not woken again: each costs a context switch, on every write.
   */
  void wake() {
    if (!stamps && listeners.isEmpty()) {
      return;
    }
    start();
    synchronized (signal) {
      if (!woken) {
        woken = true;
        signal.notifyAll();
      }
    }
  }

  @Override
  public void onAppended(Runnable listener) {
    listeners.add(listener);
    start();
  }

  @Override
  public List<ChangeEvent> after(long position, int limit) {
    try (Connection c = reads.getConnection();
        PreparedStatement sql =
            c.prepareStatement("SELECT " + positionColumn + ", kind, changed_at,"
                + " resource_id, version, payload FROM events WHERE " + positionColumn + " > ?"
                + " ORDER BY " + positionColumn + " LIMIT ?")) {
      sql.setLong(1, position);
      sql.setInt(2, limit);
      List<ChangeEvent> events = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery()) {
        while (rows.next()) {
          Long version = rows.getLong(5);
          if (rows.wasNull()) {
            version = null;
          }
          events.add(EventCodec.event(
              rows.getLong(1),
              rows.getString(2),
              rows.getLong(3),
              rows.getString(4),
              version,
              rows.getString(6)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw faults.unavailable("read", e, false);
    }
  }

  @Override
  public Bounds bounds() {
    try (Connection c = reads.getConnection();
        Statement sql = c.createStatement()) {
      // Read in this order: a prune between the two reads can only make "pruned" look older.
      long pruned = single(sql, "SELECT pruned FROM feed_head WHERE id = 1");
      long last = single(sql, "SELECT COALESCE(MAX(" + positionColumn + "), 0) FROM events");
      return new Bounds(pruned, Math.max(pruned, last));
    } catch (SQLException e) {
      throw faults.unavailable("read", e, false);
    }
  }

  @Override
  public long prune(Instant time, int limit) {
    long cutoff = time.toEpochMilli();
    try {
      return maintenance.run(() -> {
        try (Statement sql = connection.get().createStatement()) {
          lockHead(sql);
          long pruned = single(sql, "SELECT pruned FROM feed_head WHERE id = 1");
          // The oldest events, by position, while they are older than the cutoff: a time out of
          // order (clocks of two instances) stops the prune there, never leaves a hole.
          long through = pruned;
          long count = 0;
          try (PreparedStatement oldest = connection
              .get()
              .prepareStatement("SELECT " + positionColumn + ", changed_at FROM events WHERE "
                  + positionColumn + " > ? ORDER BY " + positionColumn + " LIMIT ?")) {
            oldest.setLong(1, pruned);
            oldest.setInt(2, limit);
            try (ResultSet rows = oldest.executeQuery()) {
              while (rows.next() && rows.getLong(2) < cutoff) {
                through = rows.getLong(1);
                count++;
              }
            }
          }
          // The newest event stays, however old: on SQLite the next id is the largest plus one,
          // and an empty table would hand out a position again.
          long newest = single(sql, "SELECT COALESCE(MAX(" + positionColumn + "), 0) FROM events");
          if (through == newest && count > 0) {
            through = findPrevious(through, pruned);
            count--;
          }
          if (count == 0) {
            return 0L;
          }
          try (PreparedStatement delete = connection
              .get()
              .prepareStatement("DELETE FROM events WHERE " + positionColumn + " > ? AND "
                  + positionColumn + " <= ?")) {
            delete.setLong(1, pruned);
            delete.setLong(2, through);
            delete.executeUpdate();
          }
          try (PreparedStatement head =
              connection.get().prepareStatement("UPDATE feed_head SET pruned = ? WHERE id = 1")) {
            head.setLong(1, through);
            head.executeUpdate();
          }
          return count;
        } catch (SQLException e) {
          throw new io.micronaut.data.exceptions.DataAccessException("prune failed", e);
        }
      });
    } catch (RuntimeException e) {
      throw faults.writeFailed(e, null, false);
    }
  }

  /** The position before {@code position} that is above {@code pruned}, or {@code pruned}. */
  private long findPrevious(long position, long pruned) throws SQLException {
    try (PreparedStatement previous = connection
        .get()
        .prepareStatement("SELECT COALESCE(MAX(" + positionColumn + "), ?) FROM events WHERE "
            + positionColumn + " > ? AND " + positionColumn + " < ?")) {
      previous.setLong(1, pruned);
      previous.setLong(2, pruned);
      previous.setLong(3, position);
      try (ResultSet row = previous.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * Gives positions to the committed events that have none, in id order, after the last given.
   * One stamping transaction at a time in the whole cluster: each locks {@code feed_head} first.
   *
   * @return how many it stamped
   */
  long stamp() {
    if (!stamps) {
      return 0;
    }
    try (Connection c = reads.getConnection();
        Statement sql = c.createStatement();
        ResultSet any = sql.executeQuery(anyUnstamped)) {
      if (!any.next()) {
        return 0;
      }
    } catch (SQLException e) {
      throw faults.unavailable("read", e, false);
    }
    return maintenance.run(() -> {
      try (Statement sql = connection.get().createStatement()) {
        lockHead(sql);
        // The highest position given, or, if every event was pruned, the last pruned. (An
        // unstamped event's mark may be a number below every position: see ServerStore.)
        long last = single(
            sql,
            "SELECT GREATEST(COALESCE((SELECT MAX(feed_position) FROM events), 0),"
                + " (SELECT pruned FROM feed_head WHERE id = 1))");
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(nextUnstamped)) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
        }
        if (ids.isEmpty()) {
          return 0L;
        }
        try (PreparedStatement update = connection.get().prepareStatement(stampOne)) {
          for (long id : ids) {
            update.setLong(1, ++last);
            update.setLong(2, id);
            update.addBatch();
          }
          update.executeBatch();
        }
        return (long) ids.size();
      } catch (SQLException e) {
        throw new io.micronaut.data.exceptions.DataAccessException("stamping failed", e);
      }
    });
  }

  private static void lockHead(Statement sql) throws SQLException {
    sql.executeUpdate("UPDATE feed_head SET pruned = pruned WHERE id = 1");
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private void run() {
    long lastStamp = 0;
    while (!closed) {
      boolean local;
      synchronized (signal) {
        if (!woken) {
          try {
            signal.wait(POLL.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
        local = woken;
        woken = false;
      }
      if (closed) {
        return;
      }
      try {
        if (stamps) {
          // One stamping transaction covers every commit of the last few milliseconds: under
          // load that is one extra commit for many writes, not one for each.
          long wait = lastStamp + GATHER_NANOS - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          lastStamp = System.nanoTime();
          while (stamp() == STAMP_BATCH) {
            // more to stamp: go on before telling the readers
          }
        }
        if (listeners.isEmpty()) {
          continue;
        }
        // A local commit is news; otherwise only a change of the last position (made by another
        // process) is.
        long last = local && !stamps ? -1 : bounds().last();
        if (local || last != lastSeen) {
          if (last >= 0) {
            lastSeen = last;
          }
          for (Runnable listener : listeners) {
            listener.run();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLog > 60_000) {
          lastFailureLog = now;
          LOG.warn("The change feed cannot stamp or read events now: {}", faults.describe(e));
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      if (thread.getState() != Thread.State.NEW) {
        thread.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
