package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.NameKeyBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds {@code name_key}, the name's search key, with an index for prefix search. Its collation is
 * "C" so that the range [prefix, prefix + U+10FFFF) is a range of code points whatever the
 * database's locale.
 */
final class V2__name_search_key extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    // In a transaction, so the driver streams the rows a batch at a time.
    NameKeyBackfill.addColumn(
        context.getConnection(),
        "ALTER TABLE users ADD COLUMN name_key TEXT COLLATE \"C\" NOT NULL DEFAULT ''");
  }
}
