package dev.userbase.api.http.groups;

import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.domain.GroupNameTakenException;
import dev.userbase.domain.GroupNotFoundException;
import dev.userbase.domain.MembershipNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import java.util.List;

/** The groups' own failures as problem+json: a missing group, a taken name, a missing membership. */
@Controller
final class GroupFailures {

  @Error(global = true, exception = GroupNotFoundException.class)
  HttpResponse<Problem> notFound(HttpRequest<?> request, GroupNotFoundException e) {
    return Problems.response(
        request, ProblemType.GROUP_NOT_FOUND, "Group " + e.id() + " does not exist", null);
  }

  @Error(global = true, exception = GroupNameTakenException.class)
  HttpResponse<Problem> nameTaken(HttpRequest<?> request, GroupNameTakenException e) {
    return Problems.response(
        request,
        ProblemType.GROUP_NAME_TAKEN,
        "Group name " + e.name() + " belongs to another group (names are compared ignoring case)",
        List.of(new Problem.FieldError("name", "is already taken, ignoring case")));
  }

  @Error(global = true, exception = MembershipNotFoundException.class)
  HttpResponse<Problem> notAMember(HttpRequest<?> request, MembershipNotFoundException e) {
    return Problems.response(
        request,
        ProblemType.MEMBERSHIP_NOT_FOUND,
        "User " + e.user() + " is not a member of group " + e.group(),
        null);
  }
}
