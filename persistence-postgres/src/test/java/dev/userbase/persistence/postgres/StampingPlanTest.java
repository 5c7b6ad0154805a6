package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.StampingPlanContract;

/** PostgreSQL finds the events to stamp on events_unstamped, a partial index of them alone. */
class StampingPlanTest extends StampingPlanContract {

  StampingPlanTest() {
    super(PostgresTestServer.get(), "events_unstamped", "events_pkey");
  }
}
