package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The end-to-end suite on MariaDB, in a database of its own. */
@MicronautTest(transactional = false)
class MariadbEndToEndTest extends UsersEndToEndSuite implements MariadbTestDatabase {}
