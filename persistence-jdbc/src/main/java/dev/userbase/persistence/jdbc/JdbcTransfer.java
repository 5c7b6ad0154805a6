package dev.userbase.persistence.jdbc;

import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk moves on any store, on connections it is given. Export reads one snapshot: users and
 * groups a page at a time by id, then the memberships; an import's checks ask which ids, emails,
 * group names and memberships are taken, hundreds at a time; the import itself is batched
 * inserts, committed every {@link #rowsPerCommit()} rows (by default all at once). A store overrides the hooks where its SQL or its needs differ.
 */
public abstract class JdbcTransfer implements UserTransfer {

  private static final int PAGE = 5_000;
  private static final int ASK = 1_000;
  private static final int ASK_PAIRS = 200;
  private static final int FLUSH = 1_000;

  private final String where;
  private final Connection writer;
  private final Connection reader;
  private final StoreFaults faults;
  private final AutoCloseable release;
  private final Map<String, PreparedStatement> asking = new HashMap<>();

  /**
   * @param where the store, for messages: a file, or host:port/database
   * @param writer where the import writes
   * @param reader where export and the checks read; may be {@code writer}
   * @param release what else to close with the transfer (a pool of its own), or null
   */
  protected JdbcTransfer(
      String where,
      Connection writer,
      Connection reader,
      StoreFaults faults,
      AutoCloseable release) {
    this.where = where;
    this.writer = writer;
    this.reader = reader;
    this.faults = faults;
    this.release = release;
  }

  /** An SQL expression for a time column as epoch milliseconds, a BIGINT. */
  protected abstract String epochMillis(String column);

  /** Binds a time as the store keeps it. */
  protected void bindTime(PreparedStatement insert, int index, Instant time) throws SQLException {
    insert.setTimestamp(index, Timestamp.from(time));
  }

  /** Starts the read transaction whose snapshot export reads. */
  protected void beginSnapshot(Connection connection) throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setAutoCommit(false);
  }

  /** Ends the snapshot, leaving the connection as it was. */
  protected void endSnapshot(Connection connection) throws SQLException {
    connection.rollback();
    connection.setAutoCommit(true);
  }

  /** Users per import transaction; a store beside which others write may take fewer. */
  protected int rowsPerCommit() {
    return Integer.MAX_VALUE;
  }

  /** Runs before each import COMMIT, in its transaction: a store moves its id sequence here. */
  protected void beforeCommit(Connection connection) throws SQLException {}

  protected final String where() {
    return where;
  }

  protected final Connection writer() {
    return writer;
  }

  @Override
  public Counts exportAll(Sink sink) {
    try {
      beginSnapshot(reader);
      long users = exportUsers(sink);
      long groups = exportGroups(sink);
      long members = exportMembers(sink);
      endSnapshot(reader);
      return new Counts(users, groups, members);
    } catch (SQLException e) {
      throw unavailable("export from " + where + " failed", e);
    }
  }

  private long exportUsers(Sink sink) throws SQLException {
    return exportById(
        "users",
        "email",
        (id, rows) -> sink.user(UserMapper.restore(
            id,
            rows.getString(2),
            rows.getString(3),
            Instant.ofEpochMilli(rows.getLong(4)),
            Instant.ofEpochMilli(rows.getLong(5)),
            rows.getLong(6))));
  }

  private long exportGroups(Sink sink) throws SQLException {
    return exportById("user_groups", "description", (id, rows) -> {
      String description = rows.getString(3);
      sink.group(Group.restore(
          new GroupId(id),
          GroupName.restore(rows.getString(2)),
          description == null ? null : GroupDescription.restore(description),
          Instant.ofEpochMilli(rows.getLong(4)),
          Instant.ofEpochMilli(rows.getLong(5)),
          rows.getLong(6)));
    });
  }

  /** A row read in an export: its id, and the result set at it. */
  private interface Exported {
    void take(long id, ResultSet rows) throws SQLException;
  }

  /**
   * Every row of a users-like table ({@code id, name, <third>, created_at, updated_at, version}),
   * a page of {@link #PAGE} at a time by id.
   */
  private long exportById(String table, String third, Exported each) throws SQLException {
    long count = 0;
    try (PreparedStatement page = reader.prepareStatement("SELECT id, name, "
        + third
        + ", "
        + epochMillis("created_at")
        + ", "
        + epochMillis("updated_at")
        + ", version FROM "
        + table
        + " WHERE id > ? ORDER BY id LIMIT "
        + PAGE)) {
      long after = 0;
      int seen;
      do {
        page.setLong(1, after);
        seen = 0;
        try (ResultSet rows = page.executeQuery()) {
          while (rows.next()) {
            after = rows.getLong(1);
            each.take(after, rows);
            seen++;
          }
        }
        count += seen;
      } while (seen == PAGE);
    }
    return count;
  }

  /**
   * Every membership in one query in key order, fetched {@link #PAGE} rows at a time (each
   * driver then streams it: PostgreSQL by a cursor in the snapshot's transaction).
   */
  private long exportMembers(Sink sink) throws SQLException {
    long count = 0;
    try (PreparedStatement query = reader.prepareStatement(
        "SELECT group_id, user_id FROM memberships ORDER BY group_id, user_id")) {
      query.setFetchSize(PAGE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sink.member(new Member(rows.getLong(1), rows.getLong(2)));
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    return existingIdsIn("users", ids);
  }

  @Override
  public Set<String> existingEmails(Collection<String> emails) {
    return existingTextsIn("users", "email", emails);
  }

  @Override
  public Set<Long> existingGroupIds(Collection<Long> ids) {
    return existingIdsIn("user_groups", ids);
  }

  @Override
  public Set<String> existingGroupNames(Collection<String> nameKeys) {
    return existingTextsIn("user_groups", "name_key", nameKeys);
  }

  private Set<Long> existingIdsIn(String table, Collection<Long> ids) {
    long[] range = idRange(table);
    if (range == null) {
      return Set.of();
    }
    // Ids outside the table's range cannot be in it: an import of new rows asks nothing.
    List<Long> inRange =
        ids.stream().filter(id -> id >= range[0] && id <= range[1]).toList();
    Set<Long> found = new HashSet<>();
    existing(table, "id", inRange, (query, i, id) -> query.setLong(i, id), rows -> {
      found.add(rows.getLong(1));
    });
    return found;
  }

  private Set<String> existingTextsIn(String table, String column, Collection<String> values) {
    if (idRange(table) == null) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    existing(
        table,
        column,
        new ArrayList<>(values),
        (query, i, value) -> query.setString(i, value),
        rows -> found.add(rows.getString(1)));
    return found;
  }

  @Override
  public Set<Member> existingMembers(Collection<Member> members) {
    Set<Member> found = new HashSet<>();
    List<Member> asked = new ArrayList<>(members);
    try {
      for (int from = 0; from < asked.size(); from += ASK_PAIRS) {
        List<Member> part = asked.subList(from, Math.min(asked.size(), from + ASK_PAIRS));
        PreparedStatement query = askingPairs();
        // As in existing(): a short last part repeats its last pair.
        for (int i = 0; i < ASK_PAIRS; i++) {
          Member member = part.get(Math.min(i, part.size() - 1));
          query.setLong(2 * i + 1, member.group());
          query.setLong(2 * i + 2, member.user());
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            found.add(new Member(rows.getLong(1), rows.getLong(2)));
          }
        }
      }
    } catch (SQLException e) {
      throw unavailable("reading " + where + " failed", e);
    }
    return found;
  }

  /** Which of {@link #ASK_PAIRS} memberships are stored: each a lookup of the primary key. */
  private PreparedStatement askingPairs() throws SQLException {
    PreparedStatement kept = asking.get("memberships");
    if (kept == null) {
      String pairs =
          String.join(" OR ", Collections.nCopies(ASK_PAIRS, "(group_id = ? AND user_id = ?)"));
      kept = reader.prepareStatement("SELECT group_id, user_id FROM memberships WHERE " + pairs);
      asking.put("memberships", kept);
    }
    return kept;
  }

  /** The lowest and highest id in the table, or null when it is empty. */
  private long[] idRange(String table) {
    try (Statement query = reader.createStatement();
        // Two subqueries: each reads one end of the primary key (one query for both ends may
        // scan the table on SQLite).
        ResultSet row = query.executeQuery(
            "SELECT (SELECT MIN(id) FROM " + table + "), (SELECT MAX(id) FROM " + table + ")")) {
      row.next();
      long low = row.getLong(1);
      return row.wasNull() ? null : new long[] {low, row.getLong(2)};
    } catch (SQLException e) {
      throw unavailable("reading " + where + " failed", e);
    }
  }

  private interface Binder<T> {
    void bind(PreparedStatement statement, int index, T value) throws SQLException;
  }

  private interface Row {
    void read(ResultSet rows) throws SQLException;
  }

  private <T> void existing(
      String table, String column, List<T> values, Binder<T> binder, Row each) {
    try {
      for (int from = 0; from < values.size(); from += ASK) {
        List<T> part = values.subList(from, Math.min(values.size(), from + ASK));
        PreparedStatement query = asking(table, column);
        // A short last part repeats its last value: one statement serves every part.
        for (int i = 0; i < ASK; i++) {
          binder.bind(query, i + 1, part.get(Math.min(i, part.size() - 1)));
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            each.read(rows);
          }
        }
      }
    } catch (SQLException e) {
      throw unavailable("reading " + where + " failed", e);
    }
  }

  /** The query for which of {@link #ASK} values are in the column, prepared once. */
  private PreparedStatement asking(String table, String column) throws SQLException {
    PreparedStatement kept = asking.get(table + "." + column);
    if (kept == null) {
      String marks = String.join(",", Collections.nCopies(ASK, "?"));
      kept = reader.prepareStatement(
          "SELECT " + column + " FROM " + table + " WHERE " + column + " IN (" + marks + ")");
      asking.put(table + "." + column, kept);
    }
    return kept;
  }

  @Override
  public Counts importAll(Iterator<Batch> batches) {
    long committed = 0;
    try {
      writer.setAutoCommit(false);
      try (Inserts inserts = new Inserts()) {
        int inTransaction = 0;
        while (batches.hasNext()) {
          Batch batch = batches.next();
          inserts.add(batch);
          inTransaction += batch.size();
          if (inTransaction >= rowsPerCommit()) {
            inserts.flush();
            announce(inserts.counts());
            beforeCommit(writer);
            writer.commit();
            committed = inserts.counts().rows();
            inTransaction = 0;
          }
        }
        inserts.flush();
        announce(inserts.counts());
        beforeCommit(writer);
        writer.commit();
        writer.setAutoCommit(true);
        return inserts.counts();
      }
    } catch (SQLException e) {
      rollbackQuietly();
      throw faults.transferFailed(
          e,
          "import into "
              + where
              + " failed"
              + (committed == 0 ? ", nothing stored" : " after " + committed + " rows"));
    }
  }

  /**
   * Says in the feed, in the import's transaction, that rows came in without events of their own:
   * the counts so far (an import that commits in parts says so at each part).
   */
  private void announce(Counts counts) throws SQLException {
    try {
      new Outbox(() -> writer, "", java.time.Clock.systemUTC(), null, false).imported(counts);
    } catch (io.micronaut.data.exceptions.DataAccessException e) {
      throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e);
    }
  }

  /**
   * One transaction for the whole import, for a store that can hold it open; {@code release}
   * is closed with it.
   */
  protected final Staging stage(AutoCloseable release) {
    try {
      writer.setAutoCommit(false);
      return new Staged(new Inserts(), release);
    } catch (SQLException e) {
      closeQuietly(release);
      throw unavailable("import into " + where + " failed", e);
    }
  }

  private final class Staged implements Staging {
    private final Inserts inserts;
    private final AutoCloseable release;
    private boolean committed;

    Staged(Inserts inserts, AutoCloseable release) {
      this.inserts = inserts;
      this.release = release;
    }

    @Override
    public void add(Batch batch) {
      try {
        inserts.add(batch);
      } catch (SQLException e) {
        throw faults.transferFailed(e, "import into " + where + " failed, nothing stored");
      }
    }

    @Override
    public void commit() {
      try {
        inserts.flush();
        announce(inserts.counts());
        beforeCommit(writer);
        writer.commit();
        committed = true;
      } catch (SQLException e) {
        throw faults.transferFailed(e, "import into " + where + " failed, nothing stored");
      }
    }

    @Override
    public void close() {
      try {
        if (!committed) {
          rollbackQuietly();
        }
        inserts.close();
      } catch (SQLException ignored) {
        // the statements go with the connection
      } finally {
        closeQuietly(release);
      }
    }
  }

  /**
   * Batched inserts: users with an id keep it, users without get the store's next. Each flush
   * sends those with ids first, so a generated id never takes one an imported user asked for;
   * then the groups, then the memberships, whose users and groups are then stored.
   */
  private final class Inserts implements AutoCloseable {
    private final PreparedStatement withId = writer.prepareStatement("INSERT INTO users"
        + " (id, name, name_key, email, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    private final PreparedStatement withoutId = writer.prepareStatement("INSERT INTO users"
        + " (name, name_key, email, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?)");
    private final PreparedStatement groups = writer.prepareStatement("INSERT INTO user_groups"
        + " (id, name, name_key, description, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    private final PreparedStatement members =
        writer.prepareStatement("INSERT INTO memberships (group_id, user_id) VALUES (?, ?)");
    private int pending;
    private long users;
    private long groupCount;
    private long memberCount;

    Inserts() throws SQLException {}

    Counts counts() {
      return new Counts(users, groupCount, memberCount);
    }

    void add(Batch batch) throws SQLException {
      for (User user : batch.users()) {
        add(user);
      }
      for (Group group : batch.groups()) {
        add(group);
      }
      for (Member member : batch.members()) {
        members.setLong(1, member.group());
        members.setLong(2, member.user());
        members.addBatch();
        memberCount++;
        pending();
      }
    }

    private void add(User user) throws SQLException {
      PreparedStatement insert = user.id() == null ? withoutId : withId;
      int i = 1;
      if (user.id() != null) {
        insert.setLong(i++, user.id().value());
      }
      insert.setString(i++, user.name().value());
      insert.setString(i++, user.name().searchKey());
      insert.setString(i++, user.email().map(Email::value).orElse(null));
      bindTime(insert, i++, user.createdAt());
      bindTime(insert, i++, user.updatedAt());
      insert.setLong(i, user.version());
      insert.addBatch();
      users++;
      pending();
    }

    private void add(Group group) throws SQLException {
      groups.setLong(1, group.id().value());
      groups.setString(2, group.name().value());
      groups.setString(3, group.name().searchKey());
      groups.setString(4, group.description().map(GroupDescription::value).orElse(null));
      bindTime(groups, 5, group.createdAt());
      bindTime(groups, 6, group.updatedAt());
      groups.setLong(7, group.version());
      groups.addBatch();
      groupCount++;
      pending();
    }

    private void pending() throws SQLException {
      if (++pending == FLUSH) {
        flush();
      }
    }

    void flush() throws SQLException {
      withId.executeBatch();
      withoutId.executeBatch();
      groups.executeBatch();
      members.executeBatch();
      pending = 0;
    }

    @Override
    public void close() throws SQLException {
      try (withoutId;
          PreparedStatement g = groups;
          PreparedStatement m = members) {
        withId.close();
      }
    }
  }

  private StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException(
        faults.code(e), faults.product() + " " + what + ": " + faults.describe(e), e, false);
  }

  private void rollbackQuietly() {
    try {
      writer.rollback();
      writer.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is closing anyway
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing left to release
    }
  }

  @Override
  public void close() {
    asking.values().forEach(JdbcTransfer::closeQuietly);
    closeQuietly(reader);
    if (writer != reader) {
      closeQuietly(writer);
    }
    closeQuietly(release);
  }
}
