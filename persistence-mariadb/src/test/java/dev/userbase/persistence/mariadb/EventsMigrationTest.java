package dev.userbase.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeType;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 marks the events still to stamp with 0 instead of NULL: events written before it
 * keep their positions, and those that were waiting are stamped after it, in the order written.
 */
class EventsMigrationTest {

  private final MariadbTestServer server = MariadbTestServer.get();
  private final String database = server.newDatabase();

  @AfterEach
  void drop() {
    server.dropDatabase(database);
  }

  @Test
  void eventsWaitingBeforeTheMigrationAreStampedAfterIt() throws Exception {
    String url = server.urlOf(database);
    Flyway.configure()
        .dataSource(url, server.username(), server.password())
        .locations("classpath:db/migration/mariadb")
        .target("3")
        .load()
        .migrate();
    try (Connection connection =
            DriverManager.getConnection(url, server.username(), server.password());
        Statement sql = connection.createStatement()) {
      sql.executeUpdate("INSERT INTO events (feed_position, kind, changed_at, resource_id)"
          + " VALUES (1, 'membership.added', 1000, '1/2')");
      sql.executeUpdate("INSERT INTO events (kind, changed_at, resource_id, version)"
          + " VALUES ('membership.removed', 2000, '1/2', NULL), ('user.deleted', 3000, '2', 4)");
    }

    try (ApplicationContext context = ApplicationContext.run(server.properties(database))) {
      // The repository starts the stamper, as a server does.
      context.getBean(UserRepository.class);
      ChangeFeed feed = context.getBean(ChangeFeed.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<ChangeEvent> events = feed.after(0, 10);
      while (events.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        events = feed.after(0, 10);
      }
      assertThat(events)
          .extracting(ChangeEvent::position, ChangeEvent::type, ChangeEvent::resourceId)
          .containsExactly(
              tuple(1L, ChangeType.MEMBERSHIP_ADDED, "1/2"),
              tuple(2L, ChangeType.MEMBERSHIP_REMOVED, "1/2"),
              tuple(3L, ChangeType.USER_DELETED, "2"));
    }
  }
}
