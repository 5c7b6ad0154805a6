package dev.userbase.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A name search can run as a range on the name_key index (shown with sequential scans priced
 * out, since the planner rightly scans a table this small); and rows stored before the column
 * existed get their keys.
 */
class NameSearchPlanTest {

  private final PostgresTestServer server = PostgresTestServer.get();
  private final String schema = server.newSchema();

  @AfterEach
  void dropSchema() {
    server.dropSchema(schema);
  }

  @Test
  void thePrefixSearchUsesTheNameKeyIndex() throws Exception {
    try (ApplicationContext context = ApplicationContext.run(server.properties(schema))) {
      UserRepository users = context.getBean(UserRepository.class);
      for (String name : new String[] {"Alice", "Bob", "Alina"}) {
        users.insert(User.create(UserName.of(name), null, Clock.systemUTC()));
      }
    }
    List<String> plan = new ArrayList<>();
    try (Connection connection = server.connect();
        Statement settings = connection.createStatement()) {
      settings.execute("SET search_path TO " + schema);
      settings.execute("SET enable_seqscan = off");
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT * FROM users"
          + " WHERE name_key >= ? AND name_key < ? AND id > ? ORDER BY id LIMIT ?")) {
        explain.setString(1, "ali");
        explain.setString(2, UserName.searchKeyRangeEnd("ali"));
        explain.setLong(3, 0);
        explain.setInt(4, 51);
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            plan.add(rows.getString(1).strip());
          }
        }
      }
    }
    System.out.println("PostgreSQL plan for GET /users?name=ali: " + plan);
    assertThat(String.join("\n", plan))
        .contains("users_name_key")
        .containsPattern("Index Cond: \\(\\(name_key >= 'ali'::text\\) AND \\(name_key < ");
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
      assertThat(users.list(0, Optional.empty(), Optional.of("élo"), 10))
          .extracting(u -> u.email().map(Email::value).orElse(null))
          .containsExactly("e@example.com");
    }
  }
}
