package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.UserRepository;
import dev.userbase.persistence.jdbc.NameSearchPlanContract;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name search is a range on the name_key index, not a scan; and a database made before the
 * column existed gets its keys computed for the rows it already holds.
 */
class NameSearchPlanTest extends NameSearchPlanContract {

  @TempDir
  Path folder;

  @Override
  protected Map<String, Object> newStore() {
    return SqliteTestContexts.properties(folder.resolve("users.db"));
  }

  @Override
  protected Connection connect(Map<String, Object> store) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("users.db"));
  }

  @Override
  protected String explain() {
    return "EXPLAIN QUERY PLAN";
  }

  /** As the store's own query names it (SqliteUserReads). */
  @Override
  protected String users() {
    return "users INDEXED BY users_name_key";
  }

  @Override
  protected String indexRange() {
    return "SEARCH users USING INDEX users_name_key (name_key>? AND name_key<?)";
  }

  @Override
  protected String membersRange() {
    return "SEARCH m USING PRIMARY KEY (group_id=? AND user_id>?)";
  }

  @Override
  protected String groupsRange() {
    return "SEARCH m USING COVERING INDEX memberships_user (user_id=? AND group_id>?)";
  }

  @Override
  protected String groupNameRange() {
    return "SEARCH user_groups USING INDEX sqlite_autoindex_user_groups_1 (name_key>? AND name_key<?)";
  }

  @Override
  protected String sortStep() {
    return "USE TEMP B-TREE";
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
      assertThat(users.search("élo", Optional.empty(), Optional.empty(), 10))
          .extracting(u -> u.email().map(Email::value).orElse(null))
          .containsExactly("e@example.com");
    }
  }
}
