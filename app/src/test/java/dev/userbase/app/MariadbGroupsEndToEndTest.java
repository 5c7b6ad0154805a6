package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The groups suite on MariaDB, in a database of its own. */
@MicronautTest(transactional = false)
class MariadbGroupsEndToEndTest extends GroupsEndToEndSuite implements MariadbTestDatabase {}
