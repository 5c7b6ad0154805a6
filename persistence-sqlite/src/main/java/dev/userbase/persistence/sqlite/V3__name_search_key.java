package dev.userbase.persistence.sqlite;

import dev.userbase.persistence.jdbc.NameKeyBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds {@code name_key}, the name's search key, with an index for prefix search. */
final class V3__name_search_key extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    NameKeyBackfill.addColumn(
        context.getConnection(), "ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT ''");
  }
}
