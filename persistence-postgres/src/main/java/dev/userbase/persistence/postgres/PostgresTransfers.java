package dev.userbase.persistence.postgres;

import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Bulk moves beside the running server: each one on a connection of its own, outside the pool
 * that serves requests, as the {@code export} and {@code import} commands work (see {@link
 * PostgresTransfer}).
 */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresTransfers implements UserTransfers {

  private final String url;
  private final String username;
  private final String password;
  private final String schema;

  PostgresTransfers(
      @Value("${datasources.default.url}") String url,
      @Nullable @Value("${datasources.default.username:}") String username,
      @Nullable @Value("${datasources.default.password:}") String password,
      @Nullable @Value("${datasources.default.schema:}") String schema) {
    this.url = url;
    this.username = blankToNull(username);
    this.password = blankToNull(password);
    this.schema = blankToNull(schema);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public UserTransfer open() {
    return PostgresTransfer.open(url, username, password, schema);
  }
}
