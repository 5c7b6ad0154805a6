package dev.userbase.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.UserRepository;
import dev.userbase.persistence.jdbc.NameSearchPlanContract;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A name search can run as a range on the name_key index (shown with sequential scans priced
 * out, since the planner rightly scans a table this small); and rows stored before the column
 * existed get their keys.
 */
class NameSearchPlanTest extends NameSearchPlanContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private final String schema = server.newDatabase();

  @Override
  protected Map<String, Object> newStore() {
    return server.properties(schema);
  }

  @Override
  protected void dropStore() {
    server.dropDatabase(schema);
  }

  @Override
  protected Connection connect(Map<String, Object> store) throws SQLException {
    Connection connection = server.connect();
    try (Statement settings = connection.createStatement()) {
      settings.execute("SET search_path TO " + schema);
      settings.execute("ANALYZE");
      // A table this small is rightly read whole or by bitmap and sorted; with those priced out,
      // the plans show the ordered index ranges a long list gets.
      settings.execute("SET enable_seqscan = off");
      settings.execute("SET enable_bitmapscan = off");
    }
    return connection;
  }

  @Override
  protected String explain() {
    return "EXPLAIN";
  }

  @Override
  protected String indexRange() {
    return "Index Cond: ((name_key >= 'alice'::text) AND (name_key < ";
  }

  @Override
  protected String membersRange() {
    return "Index Only Scan using memberships_pkey on memberships m";
  }

  @Override
  protected String groupsRange() {
    return "Index Only Scan using memberships_user on memberships m";
  }

  @Override
  protected String groupNameRange() {
    return "Index Scan using user_groups_name_key on user_groups";
  }

  @Override
  protected String sortStep() {
    return "Sort";
  }

  @Test
  void rowsStoredBeforeTheKeyExistedAreFoundAfterTheMigration() throws Exception {
    Flyway.configure()
        .dataSource(server.url(), server.username(), server.password())
        .schemas(schema)
        .locations("classpath:db/migration/postgres")
        .target("1")
        .load()
        .migrate();
    try (Connection connection = server.connect();
        Statement sql = connection.createStatement()) {
      sql.execute("INSERT INTO " + schema + ".users (name, email, created_at, updated_at, version)"
          + " VALUES ('ÉLODIE Martin', 'e@example.com', now(), now(), 1),"
          + " ('Bob', NULL, now(), now(), 1)");
    }
    try (ApplicationContext context = ApplicationContext.run(server.properties(schema))) {
      UserRepository users = context.getBean(UserRepository.class);
      assertThat(users.search("élo", Optional.empty(), Optional.empty(), 10))
          .extracting(u -> u.email().map(Email::value).orElse(null))
          .containsExactly("e@example.com");
    }
  }
}
