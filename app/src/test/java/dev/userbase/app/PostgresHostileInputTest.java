package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The hostile-input suite on PostgreSQL, in a schema of its own. */
@MicronautTest(transactional = false)
class PostgresHostileInputTest extends HostileInputSuite implements PostgresTestDatabase {}
