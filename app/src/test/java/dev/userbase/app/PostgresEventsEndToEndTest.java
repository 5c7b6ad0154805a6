package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The change feed suite on PostgreSQL, in a database of its own. */
@MicronautTest(transactional = false)
class PostgresEventsEndToEndTest extends EventsEndToEndSuite implements PostgresTestDatabase {}
