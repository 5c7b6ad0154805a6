package dev.userbase.persistence.sqlite;

import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.GroupRepositoryContract;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The groups contract, on a real SQLite file in a fresh temporary folder per test. */
class SqliteGroupRepositoryTest extends GroupRepositoryContract {

  @TempDir
  Path folder;

  private ApplicationContext context;

  @Override
  protected Store newStore() {
    context = ApplicationContext.run(SqliteTestContexts.properties(folder.resolve("users.db")));
    return new Store(context.getBean(UserRepository.class), context.getBean(GroupRepository.class));
  }

  @Override
  protected void closeStore() {
    context.close();
  }

  @Override
  protected long orphanedMemberships() throws java.sql.SQLException {
    // SQLite's own check: every row whose parent key is missing.
    try (java.sql.Connection connection =
            context.getBean(SqliteDatabase.class).writer().getConnection();
        java.sql.Statement sql = connection.createStatement();
        java.sql.ResultSet rows = sql.executeQuery("PRAGMA foreign_key_check")) {
      long orphans = 0;
      while (rows.next()) {
        orphans++;
      }
      return orphans;
    }
  }
}
