package dev.userbase.persistence.jdbc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.value.PropertyResolver;

/**
 * The connection of a store with a server (PostgreSQL, MariaDB), under Micronaut's own {@code
 * datasources.default} keys, so that {@code DATASOURCES_DEFAULT_URL}, {@code _USERNAME} and
 * {@code _PASSWORD} set it.
 *
 * @param schema where the tables live, created by the migrations if missing (on MariaDB, a
 *     database). Null: the one the URL or the server gives
 * @param maximumPoolSize connections the server holds open at most
 * @param connectionTimeout how long a call waits for a connection (ms) before it gets 503
 */
@ConfigurationProperties(PooledSettings.PREFIX)
public record PooledSettings(
    @Nullable String url,
    @Nullable String username,
    @Nullable String password,
    @Nullable String schema,
    @Bindable(defaultValue = PooledSettings.POOL_SIZE) int maximumPoolSize,

    @Bindable(defaultValue = PooledSettings.CONNECTION_TIMEOUT)
    long connectionTimeout) {

  static final String PREFIX = "datasources.default";
  static final String POOL_SIZE = "10";
  static final String CONNECTION_TIMEOUT = "5000";

  public PooledSettings {
    username = blankToNull(username);
    password = blankToNull(password);
    schema = blankToNull(schema);
  }

  /** The settings as the server reads them, for a command that opens the store without it. */
  public static PooledSettings from(PropertyResolver configuration) {
    return new PooledSettings(
        configuration.getProperty(PREFIX + ".url", String.class).orElse(null),
        configuration.getProperty(PREFIX + ".username", String.class).orElse(null),
        configuration.getProperty(PREFIX + ".password", String.class).orElse(null),
        configuration.getProperty(PREFIX + ".schema", String.class).orElse(null),
        configuration
            .getProperty(PREFIX + ".maximum-pool-size", Integer.class)
            .orElse(Integer.parseInt(POOL_SIZE)),
        configuration
            .getProperty(PREFIX + ".connection-timeout", Long.class)
            .orElse(Long.parseLong(CONNECTION_TIMEOUT)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "PooledSettings[url=" + url + ", username=" + username + ", schema=" + schema + "]";
  }
}
