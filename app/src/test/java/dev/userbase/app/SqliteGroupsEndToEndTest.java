package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The groups suite on SQLite, in a database of its own. */
@MicronautTest(transactional = false)
class SqliteGroupsEndToEndTest extends GroupsEndToEndSuite implements SqliteTestDatabase {}
