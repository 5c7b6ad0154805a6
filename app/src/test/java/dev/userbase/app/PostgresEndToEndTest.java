package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The end-to-end suite on PostgreSQL, in a schema of its own. */
@MicronautTest(transactional = false)
class PostgresEndToEndTest extends UsersEndToEndSuite implements PostgresTestDatabase {}
