package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL to the real server under 32 writers, cycle after cycle on one file: no acknowledged user
 * is ever missing, nor its event in the
 * change feed, and the file stays sound. CI runs 3 cycles; {@code bench/crash N} runs N.
 */
class CrashTest {

  private static final int WRITERS = 32;

  @TempDir
  Path folder;

  @Test
  void sigkillUnder32WritersNeverLosesAnAcknowledgedUser() throws Exception {
    int cycles = Integer.getInteger("userbase.crash.cycles", 3);
    Path database = folder.resolve("users.db");
    Map<Long, String> acknowledged = new HashMap<>();
    int unanswered = 0;
    for (int cycle = 1; cycle <= cycles; cycle++) {
      try (ServerProcess server =
          ServerProcess.start(folder, Map.of("USERBASE_SQLITE_PATH", database.toString()))) {
        server.awaitServing(Duration.ofSeconds(60));
        WriteLoad load =
            new WriteLoad(server.uri()).start(WRITERS, "crash" + cycle, Duration.ofSeconds(90));
        load.awaitAcknowledged(200, Duration.ofSeconds(60));

        server.kill();
        server.awaitExit(Duration.ofSeconds(30));
        load.awaitEnd(Duration.ofSeconds(60));
        assertThat(load.badAnswers()).isEmpty();
        acknowledged.putAll(load.acknowledged());
        unanswered += load.unanswered().size();
      }
      assertThat(SqliteFile.integrity(database))
          .as("integrity after cycle %d", cycle)
          .isEqualTo("ok");
      Map<Long, String> lost = SqliteFile.missing(acknowledged, SqliteFile.names(database));
      assertThat(lost).as("acknowledged users missing after cycle %d", cycle).isEmpty();
      // Each acknowledged user's event committed with it: the feed has every one, with no gap.
      assertThat(SqliteFile.createdInFeed(database))
          .as("acknowledged users whose event is missing after cycle %d", cycle)
          .containsAll(acknowledged.keySet());
    }
    System.out.printf(
        "SIGKILL crash: %d cycles under %d writers, %d acknowledged, %d cut off unanswered by the"
            + " kill, 0 lost, integrity ok%n",
        cycles, WRITERS, acknowledged.size(), unanswered);
  }
}
