package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreBackups;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of the running SQLite store into {@code userbase.backup.dir} (by default a {@code
 * backups} folder beside the database), under time-stamped names, keeping the newest {@code
 * userbase.backup.keep}. Each backup, on a schedule or asked for over HTTP, is counted as {@code
 * userbase.backups} by outcome ({@code ok} or {@code failed}).
 */
// @Context: its counters are exported from the start, at 0.
@Context
@Requires(
    property = StoreModule.SETTING,
    value = SqliteStore.NAME,
    defaultValue = StoreModule.DEFAULT)
public final class SqliteBackups implements StoreBackups {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackups.class);

  private final Path database;
  private static final String METER = "userbase.backups";
  private static final String OUTCOME = "outcome";

  private final Path folder;
  private final int keep;
  private final MeterRegistry meters;

  SqliteBackups(SqliteDatabase database, BackupSettings settings, @Nullable MeterRegistry meters) {
    this.meters = meters;
    this.database = database.file();
    this.folder = settings.dir().isBlank()
        ? this.database.resolveSibling("backups")
        : Path.of(settings.dir()).toAbsolutePath().normalize();
    this.keep = settings.keep();
    if (meters != null) {
      // From the start, at 0: an alert on "no backup in a day" needs a series before the first.
      meters.counter(METER, OUTCOME, "ok");
      meters.counter(METER, OUTCOME, "failed");
    }
  }

  @Override
  public Backup backup() {
    Path target = folder.resolve(SqliteBackup.timestampedName(Clock.systemUTC()));
    Backup made;
    try {
      made = SqliteBackup.backup(database, target, false, bytes -> {});
    } catch (SqliteBackup.BackupException e) {
      count("failed");
      throw new StoreUnavailableException(
          "backup-failed", "SQLite backup failed: " + e.getMessage(), e, false);
    }
    LOG.info(
        "Backup {}: {} bytes, {} users, {} ms",
        made.file(),
        made.bytes(),
        made.users(),
        made.took().toMillis());
    count("ok");
    prune();
    return made;
  }

  private void count(String outcome) {
    if (meters != null) {
      meters.counter(METER, OUTCOME, outcome).increment();
    }
  }

  /** Deletes all but the newest {@code keep} backups this class named. */
  private void prune() {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> backups = files
          .filter(f -> f.getFileName().toString().matches("userbase-\\d{8}-\\d{6}-\\d{3}\\.db"))
          .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
          .toList();
      for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
        Files.deleteIfExists(old);
        LOG.info("Backup {} deleted: only the newest {} are kept", old, keep);
      }
    } catch (IOException e) {
      LOG.warn("Could not prune old backups in {}: {}", folder, e.getMessage());
    }
  }
}
