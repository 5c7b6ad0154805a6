package dev.userbase.api.http.events;

import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.domain.FeedPositionGoneException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** The feed's own failure as problem+json: a position it can no longer serve without a gap. */
@Controller
final class FeedFailures {

  @Error(global = true, exception = FeedPositionGoneException.class)
  HttpResponse<Problem> gone(HttpRequest<?> request, FeedPositionGoneException e) {
    return Problems.response(
        request,
        ProblemType.FEED_POSITION_GONE,
        e.getMessage() + ". Resynchronise from an export, then follow the feed from its last"
            + " position.",
        null);
  }
}
