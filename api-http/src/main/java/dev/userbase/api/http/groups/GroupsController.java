package dev.userbase.api.http.groups;

import dev.userbase.api.http.common.ETags;
import dev.userbase.api.http.common.IfMatchParameter;
import dev.userbase.api.http.common.JsonBody;
import dev.userbase.api.http.common.PageParameters;
import dev.userbase.api.http.common.Preconditions;
import dev.userbase.api.http.common.QueryParameters;
import dev.userbase.api.http.docs.PublishedApi;
import dev.userbase.api.http.docs.SharedResponses;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.users.UserListResponse;
import dev.userbase.api.http.users.UserResponse;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupQuery;
import dev.userbase.domain.GroupService;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.Page;
import dev.userbase.domain.SearchCursor;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
 * The groups resource and its memberships, by the users resource's conventions: strict input,
 * ETags and preconditions, keyset paging, problem+json. Every handler runs on the blocking
 * executor, since the domain's calls reach the database.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "groups")
@SecurityRequirement(name = PublishedApi.BEARER)
@SharedResponses.OnEveryRoute
final class GroupsController {

  private static final Set<String> LIST_PARAMETERS = Set.of("limit", "after", "name");
  private static final Set<String> PAGE_PARAMETERS = Set.of("limit", "after");
  private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private final GroupService groups;
  private final Preconditions preconditions;

  GroupsController(GroupService groups, Preconditions preconditions) {
    this.groups = groups;
    this.preconditions = preconditions;
  }

  @Post("/groups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a group")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupBodies.NewGroup.class)))
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(name = HttpHeaders.LOCATION, required = true, schema = @Schema(type = "string")),
        @Header(name = HttpHeaders.ETAG, required = true, schema = @Schema(type = "string"))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupResponse.class)))
  @ApiResponse(responseCode = "409", ref = SharedResponses.GROUP_NAME_TAKEN)
  @ApiResponse(responseCode = "413", ref = SharedResponses.BODY_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = SharedResponses.NOT_JSON)
  HttpResponse<GroupResponse> create(
      HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    QueryParameters.allowOnly(request, Set.of());
    GroupInput input = GroupInput.fromJson(JsonBody.required(bytes));
    Group created = groups.create(input.name(), input.description());
    return ETags.tagged(HttpResponse.created(GroupResponse.fromDomain(created)), created.version())
        .header(HttpHeaders.LOCATION, "/groups/" + created.id());
  }

  @Get("/groups/{id}")
  @Operation(summary = "Read a group")
  @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, ref = SharedResponses.IF_NONE_MATCH)
  @ApiResponse(
      responseCode = "200",
      description = "The group",
      headers =
          @Header(name = HttpHeaders.ETAG, required = true, schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupResponse.class)))
  @ApiResponse(
      responseCode = "304",
      description = "Not modified: If-None-Match names the current version",
      headers =
          @Header(name = HttpHeaders.ETAG, required = true, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_NOT_FOUND)
  HttpResponse<GroupResponse> get(
      HttpRequest<?> request, @PathVariable @GroupIdParameter String id) {
    QueryParameters.allowOnly(request, Set.of());
    Group group = groups.get(GroupId.parse(id));
    return ETags.read(request, group.version(), GroupResponse.fromDomain(group));
  }

  @Get("/groups")
  @Operation(
      summary = "List or search groups",
      description = "In id order, paged by key: follow `next` until it is null. `name` finds the"
          + " groups whose name starts with it, ignoring case, in the order of the name (its"
          + " search key), paged by a cursor on it that `next` carries: each page costs one"
          + " index range, however deep.")
  @Parameter(name = "limit", in = ParameterIn.QUERY, ref = SharedResponses.LIMIT)
  @Parameter(name = "after", in = ParameterIn.QUERY, ref = SharedResponses.SEARCH_AFTER)
  @Parameter(name = "name", in = ParameterIn.QUERY, ref = SharedResponses.GROUP_NAME_PREFIX)
  @ApiResponse(
      responseCode = "200",
      description = "A page of groups",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupListResponse.class)))
  GroupListResponse list(HttpRequest<?> request) {
    QueryParameters.allowOnly(request, LIST_PARAMETERS);
    List<Problem.FieldError> errors = new ArrayList<>();
    int limit = limit(request, errors);
    Optional<String> name = Optional.ofNullable(request.getParameters().get("name"));
    Optional<GroupId> after =
        name.isPresent() ? Optional.empty() : after(request, "after", errors).map(GroupId::new);
    Optional<SearchCursor> searchAfter =
        name.isPresent() ? searchAfter(request, errors) : Optional.empty();
    name.flatMap(GroupQuery::namePrefixProblem)
        .ifPresent(problem -> errors.add(new Problem.FieldError("name", problem)));
    QueryParameters.throwIfAny(errors);
    GroupQuery query = new GroupQuery(after, name, limit, searchAfter);
    Page<Group> page = groups.list(query);
    Map<String, Object> next = new LinkedHashMap<>();
    page.next().ifPresent(last -> next.put("after", last));
    next.put("limit", limit);
    next.put("name", name.orElse(null));
    return new GroupListResponse(
        page.items().stream().map(GroupResponse::fromDomain).toList(),
        page.next().isPresent() ? QueryParameters.link("/groups", next) : null);
  }

  @Put("/groups/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a group's name and description")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupBodies.GroupReplacement.class)))
  @IfMatchParameter
  @GroupChangeResponses
  HttpResponse<GroupResponse> replace(
      HttpRequest<?> request,
      @PathVariable @GroupIdParameter String id,
      @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    QueryParameters.allowOnly(request, Set.of());
    GroupId groupId = GroupId.parse(id);
    var condition = preconditions.of(request);
    GroupInput input = GroupInput.replacementFromJson(JsonBody.required(bytes));
    Group updated = groups.update(groupId, input.name(), input.description(), condition);
    return ETags.tagged(HttpResponse.ok(GroupResponse.fromDomain(updated)), updated.version());
  }

  @Patch("/groups/{id}")
  @Consumes({MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "Change some of a group's fields (JSON merge patch)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MERGE_PATCH_JSON,
            schema = @Schema(implementation = GroupBodies.GroupMergePatch.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupBodies.GroupMergePatch.class))
      })
  @IfMatchParameter
  @GroupChangeResponses
  HttpResponse<GroupResponse> patch(
      HttpRequest<?> request,
      @PathVariable @GroupIdParameter String id,
      @Parameter(hidden = true) @Nullable @Body byte[] bytes) {
    QueryParameters.allowOnly(request, Set.of());
    GroupId groupId = GroupId.parse(id);
    var condition = preconditions.of(request);
    Group patched =
        groups.patch(groupId, GroupInput.patchFromJson(JsonBody.required(bytes)), condition);
    return ETags.tagged(HttpResponse.ok(GroupResponse.fromDomain(patched)), patched.version());
  }

  @Delete("/groups/{id}")
  @Operation(summary = "Delete a group and its memberships; no user is deleted")
  @IfMatchParameter
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_NOT_FOUND)
  @ApiResponse(responseCode = "412", ref = SharedResponses.VERSION_MISMATCH)
  @ApiResponse(responseCode = "428", ref = SharedResponses.PRECONDITION_REQUIRED)
  HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable @GroupIdParameter String id) {
    QueryParameters.allowOnly(request, Set.of());
    GroupId groupId = GroupId.parse(id);
    groups.delete(groupId, preconditions.of(request));
    return HttpResponse.noContent();
  }

  @Put("/groups/{id}/members/{userId}")
  @Operation(
      summary = "Make a user a member of a group",
      description = "Idempotent: 201 when the user became a member, 200 when it was one already."
          + " No body.")
  @ApiResponse(
      responseCode = "201",
      description = "The user is now a member",
      headers =
          @Header(name = HttpHeaders.LOCATION, required = true, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "The user was a member already")
  @ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_OR_USER_NOT_FOUND)
  HttpResponse<Void> addMember(
      HttpRequest<?> request,
      @PathVariable @GroupIdParameter String id,
      @PathVariable @MemberIdParameter String userId) {
    QueryParameters.allowOnly(request, Set.of());
    GroupId groupId = GroupId.parse(id);
    UserId member = memberId(userId);
    if (groups.addMember(groupId, member)) {
      return HttpResponse.<Void>status(HttpStatus.CREATED)
          .header(HttpHeaders.LOCATION, "/groups/" + groupId + "/members/" + member);
    }
    return HttpResponse.ok();
  }

  @Delete("/groups/{id}/members/{userId}")
  @Operation(summary = "End a user's membership of a group")
  @ApiResponse(responseCode = "204", description = "The user is no longer a member")
  @ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_USER_OR_MEMBERSHIP_NOT_FOUND)
  HttpResponse<Void> removeMember(
      HttpRequest<?> request,
      @PathVariable @GroupIdParameter String id,
      @PathVariable @MemberIdParameter String userId) {
    QueryParameters.allowOnly(request, Set.of());
    groups.removeMember(GroupId.parse(id), memberId(userId));
    return HttpResponse.noContent();
  }

  @Get("/groups/{id}/members")
  @Operation(summary = "A group's members, in user id order, paged by key")
  @PageParameters
  @ApiResponse(
      responseCode = "200",
      description = "A page of the members",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserListResponse.class)))
  @ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_NOT_FOUND)
  UserListResponse members(HttpRequest<?> request, @PathVariable @GroupIdParameter String id) {
    QueryParameters.allowOnly(request, PAGE_PARAMETERS);
    GroupId groupId = GroupId.parse(id);
    PageAt at = PageAt.of(request);
    Page<User> page = groups.members(groupId, at.after(), at.limit());
    return new UserListResponse(
        page.items().stream().map(UserResponse::fromDomain).toList(),
        nextLink("/groups/" + groupId + "/members", page, at.limit()));
  }

  @Get("/users/{id}/groups")
  @Operation(summary = "A user's groups, in group id order, paged by key")
  @PageParameters
  @ApiResponse(
      responseCode = "200",
      description = "A page of the user's groups",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GroupListResponse.class)))
  @ApiResponse(responseCode = "404", ref = SharedResponses.USER_NOT_FOUND)
  GroupListResponse groupsOf(
      HttpRequest<?> request,
      @PathVariable
          @Parameter(
              description = "The user's id: a positive 64-bit integer",
              schema = @Schema(type = "integer", format = "int64", minimum = "1"))
          String id) {
    QueryParameters.allowOnly(request, PAGE_PARAMETERS);
    UserId userId = UserId.parse(id);
    PageAt at = PageAt.of(request);
    Page<Group> page = groups.groupsOf(userId, at.after(), at.limit());
    return new GroupListResponse(
        page.items().stream().map(GroupResponse::fromDomain).toList(),
        nextLink("/users/" + userId + "/groups", page, at.limit()));
  }

  /** Where a page of a list by id starts, and how long it is, read strictly from the query. */
  private record PageAt(long after, int limit) {
    static PageAt of(HttpRequest<?> request) {
      List<Problem.FieldError> errors = new ArrayList<>();
      int limit = GroupsController.limit(request, errors);
      long after = GroupsController.after(request, "after", errors).orElse(0L);
      QueryParameters.throwIfAny(errors);
      return new PageAt(after, limit);
    }
  }

  private static int limit(HttpRequest<?> request, List<Problem.FieldError> errors) {
    return QueryParameters.limit(
        request.getParameters().get("limit"), UserQuery.DEFAULT_LIMIT, UserQuery.MAX_LIMIT, errors);
  }

  /** A search's {@code after}: the cursor of the page before's next link. */
  static Optional<SearchCursor> searchAfter(
      HttpRequest<?> request, List<Problem.FieldError> errors) {
    String raw = request.getParameters().get("after");
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SearchCursor.decode(raw));
    } catch (InvalidValueException e) {
      errors.add(new Problem.FieldError("after", e.reason()));
      return Optional.empty();
    }
  }

  /** An {@code after} cursor: an id as the API spells it. */
  private static Optional<Long> after(
      HttpRequest<?> request, String name, List<Problem.FieldError> errors) {
    String raw = request.getParameters().get(name);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(GroupId.parse(raw).value());
    } catch (RuntimeException e) {
      errors.add(new Problem.FieldError(name, "must be an id, a positive 64-bit integer"));
      return Optional.empty();
    }
  }

  /** The member's id from the path, refused under its own name. */
  private static UserId memberId(String raw) {
    try {
      return UserId.parse(raw);
    } catch (RuntimeException e) {
      throw dev.userbase.api.http.problem.ProblemException.invalid(
          "userId",
          "must be a positive 64-bit integer in ASCII digits, without sign or leading" + " zeros");
    }
  }

  private static String nextLink(String path, Page<?> page, int limit) {
    if (page.next().isEmpty()) {
      return null;
    }
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("after", page.next().get());
    next.put("limit", limit);
    return QueryParameters.link(path, next);
  }
}
