package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real server under 32 writers: every request it accepted is answered, none with a
 * 500; every acknowledged user is in the file; the process drains, checkpoints and exits 0.
 */
class GracefulShutdownTest {

  private static final int WRITERS = 32;

  @TempDir
  Path folder;

  @Test
  void sigtermUnder32WritersAnswersEveryRequestLosesNothingAndExitsZero() throws Exception {
    Path database = folder.resolve("users.db");
    WriteLoad load;
    int exit;
    try (ServerProcess server =
        ServerProcess.start(folder, Map.of("USERBASE_SQLITE_PATH", database.toString()))) {
      server.awaitServing(Duration.ofSeconds(60));
      load = new WriteLoad(server.uri()).start(WRITERS, "term", Duration.ofSeconds(90));
      load.awaitAcknowledged(300, Duration.ofSeconds(60));

      // Twice, as a launcher passing SIGTERM on and a process manager sending it too would: one
      // stop, not two.
      server.terminate();
      server.terminate();
      load.awaitEnd(Duration.ofSeconds(60));
      exit = server.awaitExit(Duration.ofSeconds(60));
      assertThat(server.output())
          .filteredOn(line -> line.contains("SIGTERM: draining"))
          .hasSize(1);
      assertThat(server.output())
          .anySatisfy(line -> assertThat(line).contains("SQLite database " + database + " closed"));
    }

    Map<Long, String> stored = SqliteFile.names(database);
    Map<Long, String> lost = SqliteFile.missing(load.acknowledged(), stored);
    System.out.printf(
        "SIGTERM under %d writers: answered %s, acknowledged %d, unanswered %d, refused"
            + " connections %d, lost %d, exit %d%n",
        WRITERS,
        load.statuses(),
        load.acknowledged().size(),
        load.unanswered().size(),
        load.refused(),
        lost.size(),
        exit);
    assertThat(load.badAnswers()).isEmpty();
    assertThat(load.statuses().keySet()).containsOnly(201, 503);
    assertThat(load.unanswered()).isEmpty();
    assertThat(lost).isEmpty();
    assertThat(exit).isZero();
    assertThat(SqliteFile.integrity(database)).isEqualTo("ok");
    assertThat(database.resolveSibling("users.db-wal")).doesNotExist();
  }
}
