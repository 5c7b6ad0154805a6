package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The change feed suite on Sqlite, in a database of its own. */
@MicronautTest(transactional = false)
class SqliteEventsEndToEndTest extends EventsEndToEndSuite implements SqliteTestDatabase {}
