package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The groups suite on PostgreSQL, in a database of its own. */
@MicronautTest(transactional = false)
class PostgresGroupsEndToEndTest extends GroupsEndToEndSuite implements PostgresTestDatabase {}
