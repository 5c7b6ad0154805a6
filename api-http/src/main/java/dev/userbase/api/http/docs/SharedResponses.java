package dev.userbase.api.http.docs;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The names of the parameters and answers many operations share, each written once in {@code
 * src/main/openapi/shared-responses.yml}, which the spec generator merges in. An operation refers
 * to one with {@code @ApiResponse(responseCode = "404", ref = SharedResponses.USER_NOT_FOUND)}.
 */
public final class SharedResponses {

  private SharedResponses() {}

  private static final String RESPONSES = "#/components/responses/";
  private static final String PARAMETERS = "#/components/parameters/";

  public static final String IF_MATCH = PARAMETERS + "IfMatch";
  public static final String IF_NONE_MATCH = PARAMETERS + "IfNoneMatch";
  public static final String LIMIT = PARAMETERS + "Limit";
  public static final String AFTER = PARAMETERS + "After";
  public static final String SEARCH_AFTER = PARAMETERS + "SearchAfter";
  public static final String GROUP_NAME_PREFIX = PARAMETERS + "GroupNamePrefix";
  public static final String FEED_AFTER = PARAMETERS + "FeedAfter";
  public static final String FEED_LIMIT = PARAMETERS + "FeedLimit";
  public static final String LAST_EVENT_ID = PARAMETERS + "LastEventId";
  public static final String GUIDE_NAME = PARAMETERS + "GuideName";
  public static final String GUIDE_EMAIL = PARAMETERS + "GuideEmail";

  public static final String EVENT_PAGE = "#/components/schemas/EventPage";

  public static final String BAD_REQUEST = RESPONSES + "BadRequest";
  public static final String UNAUTHORIZED = RESPONSES + "Unauthorized";
  public static final String FORBIDDEN = RESPONSES + "Forbidden";
  public static final String NOT_ACCEPTABLE = RESPONSES + "NotAcceptable";
  public static final String TOO_MANY_REQUESTS = RESPONSES + "TooManyRequests";
  public static final String UNAVAILABLE = RESPONSES + "Unavailable";
  public static final String USER_NOT_FOUND = RESPONSES + "UserNotFound";
  public static final String EMAIL_TAKEN = RESPONSES + "EmailTaken";
  public static final String VERSION_MISMATCH = RESPONSES + "VersionMismatch";
  public static final String PRECONDITION_REQUIRED = RESPONSES + "PreconditionRequired";
  public static final String BODY_TOO_LARGE = RESPONSES + "BodyTooLarge";
  public static final String NOT_JSON = RESPONSES + "NotJson";
  public static final String GROUP_NOT_FOUND = RESPONSES + "GroupNotFound";
  public static final String GROUP_NAME_TAKEN = RESPONSES + "GroupNameTaken";
  public static final String GROUP_OR_USER_NOT_FOUND = RESPONSES + "GroupOrUserNotFound";
  public static final String GROUP_USER_OR_MEMBERSHIP_NOT_FOUND =
      RESPONSES + "GroupUserOrMembershipNotFound";

  /**
   * What any protected route may answer, whatever it does: a bad request, the refusals of access
   * control and of the rate limit, an unacceptable Accept, and a store or server that cannot serve.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "406", ref = NOT_ACCEPTABLE)
  @ApiResponse(responseCode = "429", ref = TOO_MANY_REQUESTS)
  @ApiResponse(responseCode = "503", ref = UNAVAILABLE)
  public @interface OnEveryRoute {}

  /** What a change to a resource by id may answer beyond those: its If-Match and body. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @ApiResponse(responseCode = "412", ref = VERSION_MISMATCH)
  @ApiResponse(responseCode = "413", ref = BODY_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = NOT_JSON)
  @ApiResponse(responseCode = "428", ref = PRECONDITION_REQUIRED)
  public @interface OnChange {}
}
