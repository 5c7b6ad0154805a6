package dev.userbase.api.http.problem;

import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the failures every route shares to problem+json answers: a refused value, a store that
 * cannot serve, a server that is stopping, a body too large. Each resource maps its own failures
 * (not found, taken, stale version) beside its controller.
 */
@Controller
public final class ProblemHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);
  private static final int STORE_RETRY_AFTER_SECONDS = 5;

  private final UnavailableAnswers unavailable;

  public ProblemHandlers(UnavailableAnswers unavailable) {
    this.unavailable = unavailable;
  }

  @Error(global = true, exception = ProblemException.class)
  HttpResponse<Problem> problem(HttpRequest<?> request, ProblemException e) {
    return Problems.response(request, e.type(), e.getMessage(), e.errors());
  }

  @Error(global = true, exception = InvalidValueException.class)
  HttpResponse<Problem> invalidValue(HttpRequest<?> request, InvalidValueException e) {
    return problem(request, ProblemException.invalid(e.field(), e.reason()));
  }

  @Error(global = true, exception = StoreBusyException.class)
  HttpResponse<Problem> storeBusy(HttpRequest<?> request, StoreBusyException e) {
    unavailable.count("busy");
    LOG.info(
        "{} {}: 503, the store is busy: {}",
        request.getMethod(),
        request.getPath(),
        e.getMessage());
    return Problems.response(
            request,
            ProblemType.STORE_BUSY,
            "The store is too busy to take this write now; nothing was written. Retry shortly.",
            null)
        .header(HttpHeaders.RETRY_AFTER, "1");
  }

  /** The store cannot serve: the one log line names the real cause; the client hears 503. */
  @Error(global = true, exception = StoreUnavailableException.class)
  HttpResponse<Problem> storeUnavailable(HttpRequest<?> request, StoreUnavailableException e) {
    unavailable.count(e.code());
    LOG.warn("{} {}: 503, {}", request.getMethod(), request.getPath(), e.getMessage());
    return Problems.response(
            request, ProblemType.STORE_UNAVAILABLE, e.outcome() + " Retry later.", null)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(STORE_RETRY_AFTER_SECONDS));
  }

  /** The store has tools of its own for this (PostgreSQL backups): the message says which. */
  @Error(global = true, exception = UnsupportedOperationException.class)
  HttpResponse<Problem> unsupported(HttpRequest<?> request, UnsupportedOperationException e) {
    return Problems.response(request, ProblemType.NOT_IMPLEMENTED, e.getMessage(), null);
  }

  /** A handler pool that no longer takes work means the process is stopping. */
  @Error(global = true, exception = RejectedExecutionException.class)
  HttpResponse<Problem> rejected(HttpRequest<?> request, RejectedExecutionException e) {
    unavailable.count("shutting-down");
    LOG.info("{} {}: 503, the handler pool is shut down", request.getMethod(), request.getPath());
    return Problems.response(
            request,
            ProblemType.SHUTTING_DOWN,
            "This instance is shutting down and takes no new requests; nothing was done.",
            null)
        .header(HttpHeaders.RETRY_AFTER, "1");
  }

  /**
   * A body over what a route may buffer (micronaut.server.max-request-buffer-size, 64 KiB): the
   * users API's limit, while the streamed import may send up to the request size limit.
   */
  @Error(global = true, exception = BufferLengthExceededException.class)
  HttpResponse<Problem> bodyTooLarge(HttpRequest<?> request, BufferLengthExceededException e) {
    HttpStatus status = HttpStatus.REQUEST_ENTITY_TOO_LARGE;
    return Problems.response(
        status, Problems.generic(request, status, Problems.defaultDetail(status)));
  }
}
