package dev.userbase.api.http.problem;

import io.micronaut.http.HttpStatus;

/** The kinds of problem this API reports, each with its RFC 9457 type and status. */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
  USER_NOT_FOUND("user-not-found", HttpStatus.NOT_FOUND, "User not found"),
  EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email already taken"),
  GROUP_NOT_FOUND("group-not-found", HttpStatus.NOT_FOUND, "Group not found"),
  GROUP_NAME_TAKEN("group-name-taken", HttpStatus.CONFLICT, "Group name already taken"),
  MEMBERSHIP_NOT_FOUND("membership-not-found", HttpStatus.NOT_FOUND, "Not a member"),
  VERSION_MISMATCH("version-mismatch", HttpStatus.PRECONDITION_FAILED, "Version mismatch"),
  PRECONDITION_REQUIRED(
      "precondition-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match required"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  STORE_BUSY("store-busy", HttpStatus.SERVICE_UNAVAILABLE, "Too many writes"),
  STORE_UNAVAILABLE("store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable"),
  SHUTTING_DOWN("shutting-down", HttpStatus.SERVICE_UNAVAILABLE, "Shutting down"),
  NOT_IMPLEMENTED("not-implemented", HttpStatus.NOT_IMPLEMENTED, "Not available on this store"),
  FEED_POSITION_GONE("position-gone", HttpStatus.GONE, "Feed position no longer served"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
  MISSING_SCOPE("missing-scope", HttpStatus.FORBIDDEN, "Missing scope"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  TIMED_OUT("timed-out", HttpStatus.SERVICE_UNAVAILABLE, "Request took too long"),
  IMPORT_INVALID("import-invalid", HttpStatus.UNPROCESSABLE_ENTITY, "Invalid lines to import"),
  IMPORT_CONFLICT("import-conflict", HttpStatus.CONFLICT, "Taken while importing"),
  IMPORT_TOO_LARGE(
      "import-too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Too large to import here");

  // A tag URI (RFC 4151) names the type without promising a page behind it (RFC 9457, 3.1.1).
  private static final String PREFIX = "tag:userbase.dev,2026:problem:";

  private final String uri;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.uri = PREFIX + slug;
    this.status = status;
    this.title = title;
  }

  public String uri() {
    return uri;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
