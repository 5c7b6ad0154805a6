package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The change feed suite on MariaDB, in a database of its own. */
@MicronautTest(transactional = false)
class MariadbEventsEndToEndTest extends EventsEndToEndSuite implements MariadbTestDatabase {}
