package dev.userbase.persistence.postgres;

import dev.userbase.domain.StoreBackups;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** PostgreSQL has backup tools of its own; this says so instead of imitating them. */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresBackups implements StoreBackups {

  /** The one line the backup command and route answer on PostgreSQL. */
  public static final String USE_PG_DUMP =
      "The PostgreSQL store is backed up with PostgreSQL's own tools: pg_dump to back up,"
          + " pg_restore to restore (see the README's Operations section)";

  @Override
  public Backup backup() {
    throw new UnsupportedOperationException(USE_PG_DUMP);
  }
}
