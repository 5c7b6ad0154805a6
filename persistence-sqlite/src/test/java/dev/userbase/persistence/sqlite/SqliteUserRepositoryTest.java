package dev.userbase.persistence.sqlite;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract, on a real SQLite file in a fresh temporary folder per test. */
class SqliteUserRepositoryTest extends UserRepositoryContract {

  @TempDir
  Path folder;

  private ApplicationContext context;

  @Override
  protected UserRepository newRepository() {
    context = ApplicationContext.run(SqliteTestContexts.properties(folder.resolve("users.db")));
    return context.getBean(UserRepository.class);
  }

  @Override
  protected void closeRepository() {
    context.close();
  }
}
