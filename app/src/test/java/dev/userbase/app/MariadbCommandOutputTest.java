package dev.userbase.app;

/** A command's stdout carries only its data, on MariaDB. */
class MariadbCommandOutputTest extends CommandOutputSuite implements MariadbTestDatabase {

  @Override
  String store() {
    return "mariadb";
  }

  @Override
  String opened() {
    return "MariaDB database";
  }
}
