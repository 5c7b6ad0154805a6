package dev.userbase.api.http.admin;

import dev.userbase.api.http.docs.PublishedApi;
import dev.userbase.api.http.docs.SharedResponses;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.domain.StoreBackups;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operations on the running service. (The access-control issue puts these behind the {@code admin}
 * scope.)
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = PublishedApi.BEARER)
@SharedResponses.OnEveryRoute
final class AdminController {

  private final StoreBackups backups;

  AdminController(StoreBackups backups) {
    this.backups = backups;
  }

  /** Makes a backup now, while the service keeps serving: 201 with what was made. */
  @Post("/backup")
  @Operation(
      summary = "Back up the SQLite database now",
      description = "A consistent copy into userbase.backup.dir, checked, while writes go on."
          + " Needs the admin scope.")
  @ApiResponse(
      responseCode = "201",
      description = "The backup that was made",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BackupResponse.class)))
  @ApiResponse(
      responseCode = "501",
      description = "Not on this store: on PostgreSQL, use pg_dump",
      content =
          @Content(
              mediaType = Problem.CONTENT_TYPE,
              schema = @Schema(implementation = Problem.class)))
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
