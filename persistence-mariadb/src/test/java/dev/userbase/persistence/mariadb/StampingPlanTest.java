package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.StampingPlanContract;

/**
 * MariaDB finds the events to stamp on events_position, whose NULL entries are just those, and
 * each one it stamps by its primary key.
 */
class StampingPlanTest extends StampingPlanContract {

  StampingPlanTest() {
    super(MariadbTestServer.get(), "key=events_position", "key=PRIMARY", "key=PRIMARY");
  }
}
