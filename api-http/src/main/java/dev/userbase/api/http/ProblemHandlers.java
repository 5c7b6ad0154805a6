package dev.userbase.api.http;

import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.UserNotFoundException;
import dev.userbase.domain.VersionConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import java.util.List;

/** Maps the domain's failures, and bad requests, to problem+json answers. */
@Controller
final class ProblemHandlers {

  @Error(global = true, exception = ProblemException.class)
  HttpResponse<Problem> problem(HttpRequest<?> request, ProblemException e) {
    return Problems.response(request, e.type(), e.getMessage(), e.errors());
  }

  @Error(global = true, exception = InvalidValueException.class)
  HttpResponse<Problem> invalidValue(HttpRequest<?> request, InvalidValueException e) {
    return problem(request, ProblemException.invalid(e.field(), e.reason()));
  }

  @Error(global = true, exception = UserNotFoundException.class)
  HttpResponse<Problem> notFound(HttpRequest<?> request, UserNotFoundException e) {
    return Problems.response(
        request, ProblemType.USER_NOT_FOUND, "User " + e.id() + " does not exist", null);
  }

  @Error(global = true, exception = EmailAlreadyTakenException.class)
  HttpResponse<Problem> emailTaken(HttpRequest<?> request, EmailAlreadyTakenException e) {
    return Problems.response(
        request,
        ProblemType.EMAIL_TAKEN,
        "Email " + e.email() + " belongs to another user",
        List.of(new Problem.FieldError("email", "is already taken")));
  }

  @Error(global = true, exception = StoreBusyException.class)
  HttpResponse<Problem> storeBusy(HttpRequest<?> request, StoreBusyException e) {
    return Problems.response(
            request,
            ProblemType.STORE_BUSY,
            "The service has more writes queued than it accepts; nothing was written. Retry shortly.",
            null)
        .header("Retry-After", "1");
  }

  @Error(global = true, exception = VersionConflictException.class)
  HttpResponse<Problem> versionConflict(HttpRequest<?> request, VersionConflictException e) {
    return Problems.response(
            request,
            ProblemType.VERSION_MISMATCH,
            "User " + e.id() + " is at version " + e.actual() + ", not " + e.expected(),
            null)
        .header("ETag", ETags.of(e.actual()));
  }
}
