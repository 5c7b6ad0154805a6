package dev.userbase.api.http.admin;

import dev.userbase.api.http.docs.PublishedApi;
import dev.userbase.api.http.docs.SharedResponses;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import dev.userbase.transfer.UserExport;
import dev.userbase.transfer.UserImport;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every user, group and membership out as NDJSON, and NDJSON (or users as CSV) in, over HTTP: the {@code export} and {@code import}
 * commands' work inside the running server, by the same rules. Needs the {@code admin} scope.
 */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = PublishedApi.BEARER)
@SharedResponses.OnEveryRoute
final class TransferController {

  static final String NDJSON = "application/x-ndjson";
  static final String CSV = "text/csv";

  private static final Logger LOG = LoggerFactory.getLogger(TransferController.class);

  private final UserTransfers transfers;

  TransferController(UserTransfers transfers) {
    this.transfers = transfers;
  }

  @Get(value = "/export", produces = NDJSON)
  @Operation(
      summary = "Export every user, group and membership as NDJSON",
      description = "From one consistent snapshot while writes go on, streamed in constant"
          + " memory: every user, a line each with every field, in id order; then every group as"
          + " {\"group\": {...}}, in id order; then every membership as {\"membership\":"
          + " {\"groupId\", \"userId\"}}, by group and user. Needs the admin scope.")
  @ApiResponse(
      responseCode = "200",
      description = "Every user, group and membership, one JSON object a line",
      content = @Content(mediaType = NDJSON, schema = @Schema(type = "string")))
  HttpResponse<InputStream> export() throws IOException {
    // Opened here, so that a store that cannot be read answers 503 before any of the body.
    UserTransfer store = transfers.open();
    ChunkPipe pipe = new ChunkPipe();
    Thread writer = new Thread(() -> write(store, pipe), "userbase-export");
    writer.setDaemon(true);
    writer.start();
    return HttpResponse.ok(pipe.in)
        .contentType(NDJSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  private static void write(UserTransfer store, ChunkPipe pipe) {
    long start = System.nanoTime();
    try (store) {
      UserTransfer.Counts rows = UserExport.write(store, pipe.out, () -> {});
      pipe.out.close();
      LOG.info(
          "Exported {} users, {} groups and {} memberships in {} ms",
          rows.users(),
          rows.groups(),
          rows.members(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      // The client went away (the server closed its end of the pipe): nothing is left to do.
      LOG.info("Export stopped: the client went away ({})", e.getMessage());
    } catch (RuntimeException e) {
      // The response then ends without its last chunk: the client sees a broken transfer, not a
      // short export.
      LOG.warn("Export failed: {}", e.getMessage(), e);
      pipe.fail(new IOException("the export failed: " + e.getMessage(), e));
    }
  }

  @Post(
      value = "/import",
      consumes = {NDJSON, CSV})
  @Operation(
      summary = "Import users, groups and memberships from NDJSON, or users from CSV",
      description = "NDJSON as the export writes it, or users as CSV (text/csv) with a header"
          + " line (name,email, or every field). Ids, versions and times are kept when given; a"
          + " group needs its id. Every line is checked by the API's rules: an id, email or"
          + " group name (ignoring case) that exists already is an error, and so is a"
          + " membership whose user or group is neither stored nor on a line before it. All or"
          + " nothing: any bad line and nothing is imported (422), unless skipInvalid. The body may be up to userbase.http.import-max-size (1 GiB). Needs"
          + " the admin scope.")
  @RequestBody(
      content = {
        @Content(mediaType = NDJSON, schema = @Schema(type = "string")),
        @Content(mediaType = CSV, schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "200",
      description = "What was imported",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ImportReport.class)))
  @ApiResponse(
      responseCode = "422",
      description = "Some lines are invalid and nothing was imported; errors name the first 20",
      content =
          @Content(
              mediaType = Problem.CONTENT_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "409",
      description = "Another writer changed the store while importing: took an id, an email or"
          + " a group's name, added a membership, or deleted what a membership names",
      content =
          @Content(
              mediaType = Problem.CONTENT_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "413",
      description = "A body over userbase.http.import-max-size, or an import whose check needs"
          + " more memory than the server's heap has (problem:import-too-large)",
      content =
          @Content(
              mediaType = Problem.CONTENT_TYPE,
              schema = @Schema(implementation = Problem.class)))
  HttpResponse<ImportReport> importUsers(
      HttpRequest<?> request,
      @Body InputStream body,
      @Parameter(description = "Import the good lines and report the bad ones, not nothing.")
          @QueryValue(defaultValue = "false")
          boolean skipInvalid)
      throws IOException {
    UserImport.Format format =
        request.getContentType().filter(type -> type.getName().equals(CSV)).isPresent()
            ? UserImport.Format.CSV
            : UserImport.Format.NDJSON;
    long start = System.nanoTime();
    // The lines are read twice (check, then load), so the body is kept in a file meanwhile.
    Path spool = Files.createTempFile("userbase-import", ".spool");
    try {
      try (body) {
        Files.copy(body, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // A chunked body that ran over the limit: 413 from the framework's own handler.
        if (e.getCause() instanceof ContentLengthExceededException tooLong) {
          throw tooLong;
        }
        throw e;
      }
      Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
      try (UserTransfer store = transfers.open()) {
        UserImport.Result result;
        try {
          result = UserImport.run(
              store, spool, format, now, skipInvalid, false, UserImport.Progress.NONE);
        } catch (OutOfMemoryError | com.carrotsearch.hppc.BufferAllocationException e) {
          // The check keeps every id and email hash of the input: a few tens of bytes a line,
          // allocated for this request alone and freed with it, so the server goes on.
          LOG.warn(
              "Import refused: its check needs more memory than the heap has ({})", e.toString());
          throw new ProblemException(
              ProblemType.IMPORT_TOO_LARGE,
              "The import's check needs more memory than this server's heap has; nothing was"
                  + " imported. Send it in parts, or run the import command beside the server.",
              null);
        } catch (ImportConflictException e) {
          LOG.warn("Import stopped: {}", e.getMessage());
          throw new ProblemException(
              ProblemType.IMPORT_CONFLICT,
              "Another writer changed the store while importing (took an id, an email or a"
                  + " group's name, added a membership, or deleted a user or group that one"
                  + " names); on SQLite the transactions before it stay, on a server store"
                  + " nothing was stored",
              null);
        }
        UserImport.Check check = result.check();
        List<Problem.FieldError> errors = check.firstErrors().stream()
            .map(bad ->
                new Problem.FieldError(bad.field(), "line " + bad.line() + ": " + bad.reason()))
            .toList();
        if (check.invalid() > 0 && !skipInvalid) {
          throw new ProblemException(
              ProblemType.IMPORT_INVALID,
              String.format(
                  "Nothing imported: %d of %d lines are invalid%s",
                  check.invalid(),
                  check.lines(),
                  check.invalid() > errors.size()
                      ? "; errors names the first " + errors.size()
                      : ""),
              errors);
        }
        UserTransfer.Counts stored = result.stored();
        long took = (System.nanoTime() - start) / 1_000_000;
        LOG.info(
            "Imported {} users, {} groups and {} memberships ({} invalid lines skipped) in {} ms",
            stored.users(),
            stored.groups(),
            stored.members(),
            check.invalid(),
            took);
        return HttpResponse.ok(new ImportReport(
            check.lines(),
            stored.rows(),
            stored.users(),
            stored.groups(),
            stored.members(),
            check.invalid(),
            errors,
            took));
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /**
   * What an import did.
   *
   * @param lines the data lines read
   * @param imported the lines stored: users, groups and memberships
   * @param users the users stored
   * @param groups the groups stored
   * @param memberships the memberships stored
   * @param invalid the lines skipped as invalid (with skipInvalid)
   * @param errors the first 20 of their errors
   * @param durationMs how long it took
   */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  @Schema(
      requiredProperties = {
        "lines",
        "imported",
        "users",
        "groups",
        "memberships",
        "invalid",
        "errors",
        "durationMs"
      })
  record ImportReport(
      long lines,
      long imported,
      long users,
      long groups,
      long memberships,
      long invalid,
      List<Problem.FieldError> errors,
      long durationMs) {}
}
