package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The hostile-input suite on MariaDB, in a database of its own. */
@MicronautTest(transactional = false)
class MariadbHostileInputTest extends HostileInputSuite implements MariadbTestDatabase {}
