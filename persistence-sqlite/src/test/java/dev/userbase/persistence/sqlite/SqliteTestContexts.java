package dev.userbase.persistence.sqlite;

import java.nio.file.Path;
import java.util.Map;

/** The configuration the app gives this adapter, for tests that start a bare context. */
final class SqliteTestContexts {

  private SqliteTestContexts() {}

  static Map<String, Object> properties(Path file) {
    return Map.of(
        "userbase.sqlite.path",
        file.toString(),
        // Micronaut Data wants a configuration entry per data source; Flyway owns the schema.
        "datasources.default.schema-generate",
        "NONE",
        "datasources." + SqliteUserReads.DATA_SOURCE + ".schema-generate",
        "NONE");
  }
}
