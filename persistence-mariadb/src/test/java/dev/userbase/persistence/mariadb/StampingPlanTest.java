package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.StampingPlanContract;

/**
 * MariaDB finds the events to stamp on events_position, whose entries at 0 are just those, and
 * each one it stamps on the same index, by both its columns: (0, id), one entry.
 */
class StampingPlanTest extends StampingPlanContract {

  StampingPlanTest() {
    super(
        MariadbTestServer.get(),
        new MariadbStore(),
        "key=events_position",
        "key=PRIMARY",
        "key=events_position key_len=16");
  }
}
