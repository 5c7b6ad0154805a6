package dev.userbase.persistence.postgres;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The PostgreSQL connection, under Micronaut's own {@code datasources.default} keys, so that {@code
 * DATASOURCES_DEFAULT_URL}, {@code _USERNAME} and {@code _PASSWORD} set it.
 *
 * @param schema where the table lives; created by the migrations if missing. Null: the server's
 *     default ({@code public})
 */
@ConfigurationProperties("datasources.default")
public record PostgresSettings(
    @Nullable String url,
    @Nullable String username,
    @Nullable String password,
    @Nullable String schema,
    @Bindable(defaultValue = "10") int maximumPoolSize,
    @Bindable(defaultValue = "5000") long connectionTimeout) {

  @Override
  public String toString() {
    return "PostgresSettings[url=" + url + ", username=" + username + ", schema=" + schema + "]";
  }
}
