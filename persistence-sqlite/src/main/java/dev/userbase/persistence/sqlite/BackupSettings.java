package dev.userbase.persistence.sqlite;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the SQLite store's backups, under {@code userbase.backup}; each default is written
 * here only.
 *
 * @param dir where backups go; empty (the default) is a {@code backups} folder beside the database
 * @param keep how many of the newest backups are kept; older ones are deleted after each backup
 * @param interval how often a backup is made on a schedule; unset, backups are made only when asked
 */
@ConfigurationProperties(BackupSettings.PREFIX)
public record BackupSettings(
    @Bindable(defaultValue = "") String dir,
    @Bindable(defaultValue = "7") int keep,
    @Nullable Duration interval) {

  public static final String PREFIX = "userbase.backup";
  public static final String INTERVAL = PREFIX + ".interval";

  public BackupSettings {
    if (keep < 1) {
      throw new IllegalArgumentException(PREFIX + ".keep must be at least 1, not " + keep);
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException(
          INTERVAL + " must be positive, such as 6h, not " + interval);
    }
  }
}
