package dev.userbase.app;

/** A command's stdout carries only its data, on PostgreSQL. */
class PostgresCommandOutputTest extends CommandOutputSuite implements PostgresTestDatabase {

  @Override
  String store() {
    return "postgres";
  }

  @Override
  String opened() {
    return "PostgreSQL database";
  }
}
