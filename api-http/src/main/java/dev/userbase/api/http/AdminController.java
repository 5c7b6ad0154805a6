package dev.userbase.api.http;

import dev.userbase.domain.StoreBackups;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Operations on the running service. (The access-control issue puts these behind the {@code admin}
 * scope.)
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {

  private final StoreBackups backups;

  AdminController(StoreBackups backups) {
    this.backups = backups;
  }

  /** Makes a backup now, while the service keeps serving: 201 with what was made. */
  @Post("/backup")
  HttpResponse<BackupResponse> backup() {
    StoreBackups.Backup made = backups.backup();
    return HttpResponse.status(HttpStatus.CREATED)
        .body(new BackupResponse(
            made.file(), made.bytes(), made.users(), made.took().toMillis()));
  }

  /** What a backup made. */
  @Serdeable
  record BackupResponse(String file, long bytes, long users, long durationMs) {}
}
