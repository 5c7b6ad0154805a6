package dev.userbase.persistence.sqlite;

import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeFeedContract;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The change feed's contract on a real SQLite file, through the single writer. */
class SqliteChangeFeedTest extends ChangeFeedContract {

  @TempDir
  Path folder;

  private ApplicationContext context;

  @Override
  protected Store newStore() {
    context = ApplicationContext.run(SqliteTestContexts.properties(folder.resolve("users.db")));
    return new Store(
        context.getBean(UserRepository.class),
        context.getBean(GroupRepository.class),
        context.getBean(ChangeFeed.class));
  }

  @Override
  protected void closeStore() {
    context.close();
  }
}
