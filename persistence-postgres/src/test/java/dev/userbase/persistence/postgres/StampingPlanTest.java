package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.StampingPlanContract;

/**
 * PostgreSQL finds the events to stamp, and each one it stamps, on events_unstamped, a partial
 * index of them alone; its events have no other index on id to walk, so a wrong plan is a scan.
 */
class StampingPlanTest extends StampingPlanContract {

  StampingPlanTest() {
    super(
        PostgresTestServer.get(),
        new PostgresStore(),
        "events_unstamped",
        "Seq Scan",
        "Index Scan using events_unstamped");
  }
}
