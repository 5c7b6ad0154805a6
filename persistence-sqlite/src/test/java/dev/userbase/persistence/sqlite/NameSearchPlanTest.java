package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name search is a range on the name_key index, not a scan; and a database made before the
 * column existed gets its keys computed for the rows it already holds.
 */
class NameSearchPlanTest {

  @TempDir
  Path folder;

  @Test
  void thePrefixSearchUsesTheNameKeyIndex() throws Exception {
    Path file = folder.resolve("users.db");
    try (ApplicationContext context = ApplicationContext.run(SqliteTestContexts.properties(file))) {
      UserRepository users = context.getBean(UserRepository.class);
      users.insert(User.create(UserName.of("Alice"), null, Clock.systemUTC()));
    }
    List<String> plan = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN "
            + "SELECT * FROM users INDEXED BY users_name_key WHERE name_key >= ? AND name_key < ?"
            + " AND id > ? ORDER BY id LIMIT ?")) {
      explain.setString(1, "ali");
      explain.setString(2, UserName.searchKeyRangeEnd("ali"));
      explain.setLong(3, 0);
      explain.setInt(4, 51);
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.add(rows.getString("detail"));
        }
      }
    }
    System.out.println("SQLite plan for GET /users?name=ali: " + plan);
    assertThat(plan)
        .anySatisfy(step -> assertThat(step)
            .contains("SEARCH users USING INDEX users_name_key (name_key>? AND name_key<?)"));
    assertThat(plan).noneSatisfy(step -> assertThat(step).startsWith("SCAN users"));
  }

  @Test
  void rowsStoredBeforeTheKeyExistedAreFoundAfterTheMigration() throws Exception {
    Path file = folder.resolve("old.db");
    // The schema as V1 and V2 left it, through Flyway as the server ran them, then old rows.
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + file, null, null)
        .locations("classpath:db/migration/sqlite")
        .target("2")
        .load()
        .migrate();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = connection.createStatement()) {
      sql.execute("INSERT INTO users (name, email, created_at, updated_at, version) VALUES"
          + " ('ÉLODIE Martin', 'e@example.com', 0, 0, 1), ('Bob', NULL, 0, 0, 1)");
    }
    try (ApplicationContext context = ApplicationContext.run(SqliteTestContexts.properties(file))) {
      UserRepository users = context.getBean(UserRepository.class);
      assertThat(users.list(0, Optional.empty(), Optional.of("élo"), 10))
          .extracting(u -> u.email().map(Email::value).orElse(null))
          .containsExactly("e@example.com");
    }
  }
}
