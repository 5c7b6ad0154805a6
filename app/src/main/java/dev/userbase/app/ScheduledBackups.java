package dev.userbase.app;

import dev.userbase.domain.StoreBackups;
import dev.userbase.persistence.sqlite.BackupSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups on a schedule: every {@code userbase.backup.interval} (off unless set), each logged; the
 * store counts each as {@code userbase.backups} by outcome, and keeps the newest {@code
 * userbase.backup.keep}.
 */
@Context
@Requires(property = BackupSettings.INTERVAL)
final class ScheduledBackups {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

  private final StoreBackups backups;

  ScheduledBackups(
      StoreBackups backups,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      BackupSettings settings) {
    this.backups = backups;
    Duration interval = settings.interval();
    scheduler.scheduleAtFixedRate(interval, interval, this::backUp);
    LOG.info("Backups every {}", interval);
  }

  private void backUp() {
    try {
      backups.backup();
    } catch (RuntimeException e) {
      LOG.warn("Scheduled backup failed: {}", e.getMessage());
    }
  }
}
