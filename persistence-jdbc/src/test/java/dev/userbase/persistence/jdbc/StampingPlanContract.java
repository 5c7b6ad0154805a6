package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's stamping, on a store where events are stamped after commit, finds the events without
 * a position on an index that holds them, never by walking the stamped ones, and finds each one it
 * stamps on an index too: a week of events is millions of rows, and the stamper looks every few
 * milliseconds under load. The plans are taken
 * as the store has them right after the rows went in, with no ANALYZE since, which is when a
 * planner goes wrong.
 */
public abstract class StampingPlanContract {

  private static final int STAMPED = 20_000;

  private final TestServer server;
  private final String unstampedRange;
  private final String walkOverStamped;
  private final String stampOne;
  private final String unstamped;
  private final String database;

  /**
   * @param unstampedRange what the plan says when it reads the unstamped events from an index
   *     that holds them
   * @param walkOverStamped what it says when it walks over the stamped events
   * @param stampOne what the stamper's UPDATE of one event says when it finds the row on an index
   */
  protected StampingPlanContract(
      TestServer server,
      ServerStore store,
      String unstampedRange,
      String walkOverStamped,
      String stampOne) {
    this.server = server;
    this.unstampedRange = unstampedRange;
    this.walkOverStamped = walkOverStamped;
    this.stampOne = stampOne;
    this.unstamped = store.unstamped();
    this.database = server.newDatabase();
  }

  @AfterEach
  void drop() {
    server.dropDatabase(database);
  }

  /** A connection to the test's database with no setting changed. */
  private Connection connect() throws SQLException {
    Connection connection = server.connect();
    // PostgreSQL's tables are in a schema of that name, MariaDB's in a database: each driver
    // takes the one it has and ignores the other.
    connection.setCatalog(database);
    connection.setSchema(database);
    return connection;
  }

  @Test
  void theStamperFindsTheUnstampedEventsWithoutWalkingTheStampedOnes() throws Exception {
    Map<String, Object> store = server.properties(database);
    // Migrated by the application, then closed, so that nothing stamps behind the test's back.
    try (ApplicationContext context = ApplicationContext.run(store)) {
      context.getBean(UserRepository.class);
    }
    try (Connection connection = connect();
        Statement sql = connection.createStatement()) {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        rows.append(i == 0 ? "" : ", ").append("('user.created', 0)");
      }
      for (int i = 0; i < STAMPED / 1000; i++) {
        sql.executeUpdate("INSERT INTO events (kind, changed_at) VALUES " + rows);
      }
      sql.executeUpdate("UPDATE events SET feed_position = id");
      sql.executeUpdate("INSERT INTO events (kind, changed_at) VALUES ('user.created', 0),"
          + " ('user.updated', 0)");

      for (String query :
          List.of(JdbcChangeFeed.anyUnstamped(unstamped), JdbcChangeFeed.unstamped(unstamped))) {
        String plan = NameSearchPlanContract.plan(connection, "EXPLAIN " + query);
        System.out.println(getClass().getSimpleName() + ": " + query + ": " + plan);
        assertThat(plan).contains(unstampedRange).doesNotContain(walkOverStamped);
      }
      String stamp = JdbcChangeFeed.stamp(unstamped);
      String plan =
          NameSearchPlanContract.plan(connection, "EXPLAIN " + stamp, STAMPED + 1, STAMPED + 1);
      System.out.println(getClass().getSimpleName() + ": " + stamp + ": " + plan);
      assertThat(plan).contains(stampOne);
    }
  }
}
