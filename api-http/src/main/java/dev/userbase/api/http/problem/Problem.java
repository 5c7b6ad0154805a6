package dev.userbase.api.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem details body.
 *
 * @param errors for validation failures, one entry per field that was wrong
 * @param requestId the request's id (as in {@code X-Request-Id}), to find its log lines
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors,
    @Nullable String requestId) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** One field of a request that broke a rule. */
  @Serdeable
  public record FieldError(String field, String message) {}
}
