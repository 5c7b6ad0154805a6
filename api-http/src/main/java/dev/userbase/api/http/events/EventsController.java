package dev.userbase.api.http.events;

import dev.userbase.api.http.common.QueryParameters;
import dev.userbase.api.http.docs.PublishedApi;
import dev.userbase.api.http.docs.SharedResponses;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeFeedService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change feed: every committed change, in commit order, as a Server-Sent Events stream or as
 * pages to poll. A position is where a reader is; it resumes from it, on any instance.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "userbase.events.enabled", notEquals = "false")
@Requires(beans = ChangeFeed.class)
@Tag(name = "events")
@SecurityRequirement(name = PublishedApi.BEARER)
@SharedResponses.OnEveryRoute
final class EventsController {

  static final String LAST_EVENT_ID = "Last-Event-ID";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final String EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;

  private final ChangeFeedService feed;
  private final FeedDispatcher streams;
  private final EventSettings settings;

  EventsController(ChangeFeed feed, FeedDispatcher streams, EventSettings settings) {
    this.feed = new ChangeFeedService(feed);
    this.streams = streams;
    this.settings = settings;
  }

  @Get("/events")
  @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
  @Operation(
      summary = "Follow the change feed",
      description = "Every committed change to users, groups and memberships, once, in commit"
          + " order, each at a position (1, 2, 3… with no gap). With `Accept: text/event-stream`"
          + " a Server-Sent Events stream: `id:` the position, `event:` the type, `data:` the"
          + " event as JSON; from now, or after `Last-Event-ID` (or `after`) when given, on any"
          + " instance; a `: keep-alive` comment on an idle stream. Otherwise a page of events"
          + " after `after` (from the oldest kept when absent) and a `next` link to poll. A"
          + " position older than the retention (or beyond the feed's end) is 410: resynchronise"
          + " from an export.")
  @Parameter(name = "after", in = ParameterIn.QUERY, ref = SharedResponses.FEED_AFTER)
  @Parameter(name = "limit", in = ParameterIn.QUERY, ref = SharedResponses.FEED_LIMIT)
  @Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER, ref = SharedResponses.LAST_EVENT_ID)
  @ApiResponse(
      responseCode = "200",
      description = "A page of events, or the stream",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = SharedResponses.EVENT_PAGE)),
        @Content(
            mediaType = EVENT_STREAM,
            schema =
                @Schema(
                    type = "string",
                    description = "Server-Sent Events: `id:` position, `event:` type, `data:` an"
                        + " Event as JSON",
                    example = "id: 42\nevent: user.created\ndata: {\"position\":42,"
                        + "\"type\":\"user.created\",...}\n\n"))
      })
  @ApiResponse(
      responseCode = "410",
      description = "The position is past the retention, or beyond the feed's end",
      content =
          @Content(
              mediaType = Problem.CONTENT_TYPE,
              schema = @Schema(implementation = Problem.class)))
  HttpResponse<?> events(HttpRequest<?> request) {
    QueryParameters.allowOnly(request, Set.of("after", "limit"));
    boolean stream = request.getHeaders().accept().stream()
        .anyMatch(type -> type.matches(MediaType.TEXT_EVENT_STREAM_TYPE)
            && !type.getName().equals(MediaType.ALL));
    List<Problem.FieldError> errors = new ArrayList<>();
    Long after = position(request.getParameters().get("after"), "after", errors);
    Long resume = position(request.getHeaders().get(LAST_EVENT_ID), LAST_EVENT_ID, errors);
    String rawLimit = request.getParameters().get("limit");
    if (stream && rawLimit != null) {
      errors.add(new Problem.FieldError("limit", "applies to a polled page, not to a stream"));
    }
    int limit = QueryParameters.limit(rawLimit, DEFAULT_LIMIT, MAX_LIMIT, errors);
    QueryParameters.throwIfAny(errors);
    Long from = resume != null ? resume : after;

    ChangeFeed.Bounds bounds = feed.bounds();
    if (stream) {
      long position = from != null ? from : bounds.last();
      feed.check(position, bounds);
      return HttpResponse.ok(streams.open(position, settings.retry()))
          .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
          .header(HttpHeaders.CACHE_CONTROL, "no-cache")
          // nginx would otherwise hold the stream back in its buffer.
          .header("X-Accel-Buffering", "no");
    }
    long position = from != null ? from : bounds.pruned();
    List<ChangeEvent> events = feed.after(position, limit);
    long last = events.isEmpty() ? position : events.get(events.size() - 1).position();
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("after", last);
    next.put("limit", rawLimit == null ? null : limit);
    return HttpResponse.ok(new EventPage(
            events.stream().map(EventResponse::fromDomain).toList(),
            QueryParameters.link("/events", next)))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /** A position: ASCII digits, 0 or more; null when absent. */
  @Nullable
  private static Long position(String raw, String name, List<Problem.FieldError> errors) {
    if (raw == null) {
      return null;
    }
    if (!raw.matches("0|[1-9][0-9]{0,17}")) {
      errors.add(new Problem.FieldError(name, "must be a position: an integer, 0 or more"));
      return null;
    }
    return Long.parseLong(raw);
  }
}
