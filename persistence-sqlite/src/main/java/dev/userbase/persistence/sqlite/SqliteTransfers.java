package dev.userbase.persistence.sqlite;

import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Bulk moves beside the running server, on the file it serves: each one on connections of its
 * own, as the {@code export} and {@code import} commands work (see {@link SqliteTransfer}).
 */
@Singleton
@Requires(property = "userbase.store", value = "sqlite", defaultValue = "sqlite")
public final class SqliteTransfers implements UserTransfers {

  private final Path file;

  SqliteTransfers(SqliteDatabase database) {
    this.file = database.file();
  }

  @Override
  public UserTransfer open() {
    return SqliteTransfer.open(file);
  }
}
