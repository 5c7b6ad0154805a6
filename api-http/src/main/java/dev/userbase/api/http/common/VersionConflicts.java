package dev.userbase.api.http.common;

import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.domain.VersionConflictException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/**
 * A change whose If-Match names no current version, on any resource: 412 problem+json, with the
 * current version's ETag so that the client can read and try again.
 */
@Controller
final class VersionConflicts {

  @Error(global = true, exception = VersionConflictException.class)
  HttpResponse<Problem> versionConflict(HttpRequest<?> request, VersionConflictException e) {
    String resource =
        Character.toUpperCase(e.resource().charAt(0)) + e.resource().substring(1);
    return Problems.response(
            request,
            ProblemType.VERSION_MISMATCH,
            resource + " " + e.id() + " is at version " + e.actual() + ", not " + e.expected(),
            null)
        .header(HttpHeaders.ETAG, ETags.of(e.actual()));
  }
}
