package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The hostile-input suite on a temporary SQLite file. */
@MicronautTest(transactional = false)
class SqliteHostileInputTest extends HostileInputSuite implements SqliteTestDatabase {}
