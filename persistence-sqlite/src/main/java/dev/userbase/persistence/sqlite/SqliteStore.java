package dev.userbase.persistence.sqlite;

import dev.userbase.domain.UserTransfer;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The SQLite store, {@code userbase.store=sqlite}, the default. */
public final class SqliteStore implements StoreModule {

  static final String NAME = StoreModule.DEFAULT;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> ownBackupTools() {
    return Optional.empty();
  }

  /** Connections of its own on the configured file; a server may be serving it meanwhile. */
  @Override
  public UserTransfer openTransfer(PropertyResolver configuration) {
    return SqliteTransfer.open(file(configuration));
  }

  @Override
  public UserTransfer openExisting(PropertyResolver configuration) {
    Path file = file(configuration);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no database at " + file + " (" + SqliteSettings.PATH
          + ", USERBASE_SQLITE_PATH): nothing to read");
    }
    return SqliteTransfer.open(file);
  }

  /** The configured database file, resolved as the server resolves it. */
  @Override
  public String location(PropertyResolver configuration) {
    return file(configuration).toString();
  }

  public static Path file(PropertyResolver configuration) {
    return SqliteBackup.resolve(configuration
        .getProperty(SqliteSettings.PATH, String.class)
        .orElse(SqliteSettings.DEFAULT_PATH));
  }
}
