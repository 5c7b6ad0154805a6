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
 * a position on an index that holds them, never by walking the stamped ones: a week of events is
 * millions of rows, and the stamper looks every few milliseconds under load. The plans are taken
 * as the store has them right after the rows went in, with no ANALYZE since, which is when a
 * planner goes wrong.
 */
public abstract class StampingPlanContract {

  private static final int STAMPED = 20_000;

  /** A new, empty store: its settings. */
  protected abstract Map<String, Object> newStore() throws Exception;

  protected abstract void dropStore() throws Exception;

  /** A connection to the store's schema, with no setting changed. */
  protected abstract Connection connect(Map<String, Object> store) throws SQLException;

  /** What the plan says when it reads the unstamped events from an index that holds them. */
  protected abstract String unstampedRange();

  /** What the plan says when it walks the primary key over the stamped events. */
  protected abstract String walkOverStamped();

  @AfterEach
  void drop() throws Exception {
    dropStore();
  }

  @Test
  void theStamperFindsTheUnstampedEventsWithoutWalkingTheStampedOnes() throws Exception {
    Map<String, Object> store = newStore();
    // Migrated by the application, then closed, so that nothing stamps behind the test's back.
    try (ApplicationContext context = ApplicationContext.run(store)) {
      context.getBean(UserRepository.class);
    }
    try (Connection connection = connect(store);
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

      for (String query : List.of(JdbcChangeFeed.ANY_UNSTAMPED, JdbcChangeFeed.UNSTAMPED)) {
        String plan = NameSearchPlanContract.plan(connection, "EXPLAIN " + query);
        System.out.println(getClass().getSimpleName() + ": " + query + ": " + plan);
        assertThat(plan).contains(unstampedRange()).doesNotContain(walkOverStamped());
      }
    }
  }
}
