package dev.userbase.api.http.users;

import dev.userbase.api.http.common.ETags;
import dev.userbase.api.http.common.IfMatchParameter;
import dev.userbase.api.http.common.JsonBody;
import dev.userbase.api.http.common.Preconditions;
import dev.userbase.api.http.common.QueryParameters;
import dev.userbase.api.http.docs.PublishedApi;
import dev.userbase.api.http.docs.SharedResponses;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.domain.Email;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.Precondition;
import dev.userbase.domain.SearchCursor;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserPage;
import dev.userbase.domain.UserPatch;
import dev.userbase.domain.UserQuery;
import dev.userbase.domain.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users resource. Every handler runs on the blocking executor: the domain's calls reach the
 * database, and a Netty event-loop thread must never wait on one.
 */
@Controller("/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
@SecurityRequirement(name = PublishedApi.BEARER)
@SharedResponses.OnEveryRoute
final class UsersController {

  private static final String ETAG = "ETag";

  private static final Set<String> CREATE_PARAMETERS = Set.of("name", "email");
  private static final Set<String> LIST_PARAMETERS = Set.of("limit", "after", "email", "name");
  static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private final UserService users;
  private final Preconditions preconditions;

  UsersController(UserService users, Preconditions preconditions) {
    this.users = users;
    this.preconditions = preconditions;
  }

  /**
   * Creates a user from a JSON body, or from {@code ?name=…&email=…} when there is no body (the
   * form the FastAPI guide used).
   */
  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a user",
      description =
          "From a JSON body; or, with no body, from ?name=…&email=… as the FastAPI" + " guide did.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserBodies.NewUser.class)))
  @Parameter(name = "name", in = ParameterIn.QUERY, ref = SharedResponses.GUIDE_NAME)
  @Parameter(name = "email", in = ParameterIn.QUERY, ref = SharedResponses.GUIDE_EMAIL)
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(name = "Location", required = true, schema = @Schema(type = "string")),
        @Header(name = ETAG, required = true, schema = @Schema(type = "string"))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserResponse.class)))
  @ApiResponse(responseCode = "409", ref = SharedResponses.EMAIL_TAKEN)
  @ApiResponse(responseCode = "413", ref = SharedResponses.BODY_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = SharedResponses.NOT_JSON)
  HttpResponse<UserResponse> create(
      HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    UserInput input;
    String body = JsonBody.text(bytes);
    if (body != null && !body.isBlank()) {
      if (!request.getParameters().isEmpty()) {
        throw ProblemException.invalid(
            "query", "must be empty when the user is sent as a JSON body");
      }
      input = UserInput.fromJson(body);
    } else {
      QueryParameters.allowOnly(request, CREATE_PARAMETERS);
      input = UserInput.fromQuery(
          request.getParameters().get("name"), request.getParameters().get("email"));
    }
    User created = users.create(input.name(), input.email());
    return ETags.tagged(HttpResponse.created(UserResponse.fromDomain(created)), created.version())
        .header(HttpHeaders.LOCATION, "/users/" + created.id());
  }

  @Get("/{id}")
  @Operation(summary = "Read a user")
  @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, ref = SharedResponses.IF_NONE_MATCH)
  @ApiResponse(
      responseCode = "200",
      description = "The user",
      headers = @Header(name = ETAG, required = true, schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserResponse.class)))
  @ApiResponse(
      responseCode = "304",
      description = "Not modified: If-None-Match names the current version",
      headers = @Header(name = ETAG, required = true, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", ref = SharedResponses.USER_NOT_FOUND)
  HttpResponse<UserResponse> get(HttpRequest<?> request, @PathVariable @UserIdParameter String id) {
    QueryParameters.allowOnly(request, Set.of());
    User user = users.get(UserId.parse(id));
    return ETags.read(request, user.version(), UserResponse.fromDomain(user));
  }

  @Get
  @Operation(
      summary = "List or search users",
      description = "In id order, paged by key: follow `next` until it is null. With `name`,"
          + " the users whose name starts with it, ignoring case, in the order of the name (its"
          + " search key) and then id, paged by a cursor on both that `next` carries: each page"
          + " costs one index range, however deep.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of users",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserListResponse.class)))
  UserListResponse list(
      HttpRequest<?> request,
      @Nullable
          @QueryValue
          @Parameter(
              description = "Users per page",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
          String limit,
      @Nullable @QueryValue @Parameter(ref = SharedResponses.SEARCH_AFTER) String after,
      @Nullable
          @QueryValue
          @Parameter(
              description = "Only the user with this email",
              schema = @Schema(type = "string", format = "email", maxLength = 254))
          String email,
      @Nullable
          @QueryValue
          @Parameter(
              description = "Only users whose name starts with this, ignoring case; % and _ are"
                  + " plain characters",
              schema = @Schema(type = "string", minLength = 1, maxLength = 200))
          String name) {
    QueryParameters.allowOnly(request, LIST_PARAMETERS);
    UserQuery query = listQuery(limit, after, email, name);
    UserPage page = users.list(query);
    return new UserListResponse(
        page.items().stream().map(UserResponse::fromDomain).toList(),
        page.next().map(UsersController::link).orElse(null));
  }

  @Put("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a user's name and email")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserBodies.UserReplacement.class)))
  @IfMatchParameter
  @ChangeResponses
  HttpResponse<UserResponse> replace(
      HttpRequest<?> request,
      @PathVariable @UserIdParameter String id,
      @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    QueryParameters.allowOnly(request, Set.of());
    UserId userId = UserId.parse(id);
    Precondition condition = preconditions.of(request);
    UserInput input = UserInput.replacementFromJson(JsonBody.required(bytes));
    User updated = users.update(userId, input.name(), input.email(), condition);
    return ETags.tagged(HttpResponse.ok(UserResponse.fromDomain(updated)), updated.version());
  }

  /** A JSON merge patch (RFC 7396); {@code application/json} is read the same way. */
  @Patch("/{id}")
  @Consumes({MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "Change some of a user's fields (JSON merge patch)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MERGE_PATCH_JSON,
            schema = @Schema(implementation = UserBodies.UserMergePatch.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserBodies.UserMergePatch.class))
      })
  @IfMatchParameter
  @ChangeResponses
  HttpResponse<UserResponse> patch(
      HttpRequest<?> request,
      @PathVariable @UserIdParameter String id,
      @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    QueryParameters.allowOnly(request, Set.of());
    UserId userId = UserId.parse(id);
    Precondition condition = preconditions.of(request);
    UserPatch patch = UserInput.patchFromJson(JsonBody.required(bytes));
    User patched = users.patch(userId, patch, condition);
    return ETags.tagged(HttpResponse.ok(UserResponse.fromDomain(patched)), patched.version());
  }

  @Delete("/{id}")
  @Operation(summary = "Delete a user")
  @IfMatchParameter
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", ref = SharedResponses.USER_NOT_FOUND)
  @ApiResponse(responseCode = "412", ref = SharedResponses.VERSION_MISMATCH)
  @ApiResponse(responseCode = "428", ref = SharedResponses.PRECONDITION_REQUIRED)
  HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable @UserIdParameter String id) {
    QueryParameters.allowOnly(request, Set.of());
    UserId userId = UserId.parse(id);
    users.delete(userId, preconditions.of(request));
    return HttpResponse.noContent();
  }

  private static UserQuery listQuery(String limit, String after, String email, String name) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageSize =
        QueryParameters.limit(limit, UserQuery.DEFAULT_LIMIT, UserQuery.MAX_LIMIT, errors);
    Optional<UserId> cursor = Optional.empty();
    Optional<SearchCursor> searchAfter = Optional.empty();
    if (after != null && name != null) {
      try {
        searchAfter = Optional.of(SearchCursor.decode(after));
      } catch (InvalidValueException e) {
        errors.add(new Problem.FieldError("after", e.reason()));
      }
    } else if (after != null) {
      try {
        cursor = Optional.of(UserId.parse(after));
      } catch (RuntimeException e) {
        errors.add(new Problem.FieldError("after", "must be a user id, a positive 64-bit integer"));
      }
    }
    Optional<Email> filter = Optional.empty();
    if (email != null) {
      try {
        filter = Optional.of(Email.of(email));
      } catch (RuntimeException e) {
        errors.add(new Problem.FieldError("email", "must be a valid email address"));
      }
    }
    Optional<String> prefix = Optional.empty();
    if (name != null) {
      Optional<String> problem = UserQuery.namePrefixProblem(name);
      if (problem.isPresent()) {
        errors.add(new Problem.FieldError("name", problem.get()));
      } else {
        prefix = Optional.of(name);
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new UserQuery(cursor, filter, prefix, pageSize, searchAfter);
  }

  private static String link(UserQuery next) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("after", next.afterToken().orElseThrow());
    parameters.put("limit", next.limit());
    parameters.put("email", next.email().map(Email::value).orElse(null));
    parameters.put("name", next.namePrefix().orElse(null));
    return QueryParameters.link("/users", parameters);
  }
}
