package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.UserTransferContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The transfer contract on a real SQLite file in a fresh temporary folder per test. */
class SqliteTransferContractTest extends UserTransferContract {

  @TempDir
  Path folder;

  @Override
  protected Map<String, Object> newStore() {
    return SqliteTestContexts.properties(folder.resolve("users.db"));
  }
}
