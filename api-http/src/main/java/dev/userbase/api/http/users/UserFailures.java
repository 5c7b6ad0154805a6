package dev.userbase.api.http.users;

import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.UserNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import java.util.List;

/** The users' own failures as problem+json: a user that is not there, a taken email. */
@Controller
final class UserFailures {

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
}
