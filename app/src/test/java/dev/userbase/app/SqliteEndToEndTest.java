package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The end-to-end suite on a temporary SQLite file. */
@MicronautTest(transactional = false)
class SqliteEndToEndTest extends UsersEndToEndSuite implements SqliteTestDatabase {}
