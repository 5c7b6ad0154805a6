package dev.userbase.api.http.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.userbase.api.http.MockedDomain;
import dev.userbase.api.http.MockedDomainHttpTest;
import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.Precondition;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserNotFoundException;
import dev.userbase.domain.UserPage;
import dev.userbase.domain.UserQuery;
import dev.userbase.domain.VersionConflictException;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP contract of /users, with the domain service mocked. */
@MicronautTest
@Property(name = "micronaut.server.max-request-size", value = "64KB")
@Property(name = MockedDomain.ENABLED, value = "true")
class UsersControllerTest extends MockedDomainHttpTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00.120Z");

  private static User user(long id, String name, String email, long version) {
    return User.restore(
        new UserId(id), UserName.of(name), email == null ? null : Email.of(email), T, T, version);
  }

  private void assertFieldError(HttpResponse<String> response, String field, String message)
      throws IOException {
    assertProblem(response, 400);
    assertThat(body(response).get("errors").values()).anySatisfy(e -> {
      assertThat(e.get("field").getStringValue()).isEqualTo(field);
      assertThat(e.get("message").getStringValue()).isEqualTo(message);
    });
  }

  @Test
  void createFromAJsonBodyAnswers201WithLocationETagAndTheUser() throws IOException {
    when(users.create(any(), any())).thenReturn(user(1, "Alice", "alice@example.com", 1));

    HttpResponse<String> response =
        http.postJson("/users", "{\"name\": \" Alice \", \"email\": \"ALICE@example.com\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/users/1");
    assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode user = body(response);
    assertThat(user.get("id").getLongValue()).isEqualTo(1);
    assertThat(user.get("name").getStringValue()).isEqualTo("Alice");
    assertThat(user.get("email").getStringValue()).isEqualTo("alice@example.com");
    assertThat(user.get("createdAt").getStringValue()).isEqualTo("2026-11-25T10:00:00.120Z");
    assertThat(user.get("updatedAt").getStringValue()).isEqualTo("2026-11-25T10:00:00.120Z");
    assertThat(user.get("version").getLongValue()).isEqualTo(1);
    verify(users).create(UserName.of("Alice"), Email.of("alice@example.com"));
  }

  @Test
  void aUserWithoutEmailShowsEmailAsNull() throws IOException {
    when(users.create(any(), any())).thenReturn(user(2, "Bob", null, 1));

    HttpResponse<String> response = http.postJson("/users", "{\"name\": \"Bob\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(body(response).get("email").isNull()).isTrue();
    verify(users).create(UserName.of("Bob"), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/users/?name=Alice", "/users?name=Alice"})
  void createFromTheQueryStringAsTheGuideDid(String path) throws IOException {
    when(users.create(any(), any())).thenReturn(user(1, "Alice", null, 1));

    HttpResponse<String> response = http.send("POST", path, null, null);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(body(response).get("name").getStringValue()).isEqualTo("Alice");
    verify(users).create(UserName.of("Alice"), null);
  }

  @Test
  void createWithNeitherBodyNorNameSaysNameIsRequired() throws IOException {
    assertFieldError(http.send("POST", "/users", null, null), "name", "is required");
    verifyNoInteractions(users);
  }

  @Test
  void createWithBothBodyAndQueryIsRefused() throws IOException {
    assertFieldError(
        http.postJson("/users?name=A", "{\"name\": \"B\"}"),
        "query",
        "must be empty when the user is sent as a JSON body");
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "version", "createdAt", "updatedAt"})
  void readOnlyFieldsAreRefusedByName(String field) throws IOException {
    HttpResponse<String> response =
        http.postJson("/users", "{\"name\": \"A\", \"" + field + "\": 5}");

    assertFieldError(response, field, "is read-only");
    verifyNoInteractions(users);
  }

  @Test
  void unknownFieldsAreRefusedByName() throws IOException {
    assertFieldError(
        http.postJson("/users", "{\"name\": \"A\", \"isAdmin\": true}"),
        "isAdmin",
        "is not a known field");
    verifyNoInteractions(users);
  }

  @Test
  void valuesOfTheWrongJsonTypeAreNotCoerced() throws IOException {
    assertFieldError(http.postJson("/users", "{\"name\": 2}"), "name", "must be a string");
    assertFieldError(
        http.postJson("/users", "{\"name\": \"A\", \"email\": [1]}"),
        "email",
        "must be a string or null");
    assertFieldError(http.postJson("/users", "{\"name\": true}"), "name", "must be a string");
    verifyNoInteractions(users);
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() throws IOException {
    HttpResponse<String> response =
        http.postJson("/users", "{\"name\": \"\", \"email\": \"nope\", \"id\": 1}");

    assertProblem(response, 400);
    assertThat(body(response).get("errors").size()).isEqualTo(3);
    assertThat(body(response).get("detail").getStringValue()).isEqualTo("3 fields are invalid");
  }

  @Test
  void fieldRulesComeFromTheDomain() throws IOException {
    assertFieldError(
        http.postJson("/users", "{\"name\": \"" + "x".repeat(201) + "\"}"),
        "name",
        "must be at most 200 characters");
    assertFieldError(
        http.postJson("/users", "{\"name\": \"A\\u0000B\"}"),
        "name",
        "must not contain control characters");
    assertFieldError(
        http.postJson("/users", "{\"name\": \"A\", \"email\": \"not-an-email\"}"),
        "email",
        "must be a valid email address");
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": ",
        "{name: 'A'}",
        "[1,2",
        "\"just a string",
        "{\"name\":\"A\"} trailing"
      })
  void malformedJsonIs400(String malformed) throws IOException {
    HttpResponse<String> response = http.postJson("/users", malformed);

    assertProblem(response, 400);
    assertThat(body(response).get("detail").getStringValue())
        .isIn("The request body is not valid JSON", "The request body must be a JSON object");
    verifyNoInteractions(users);
  }

  @Test
  void aFieldGivenTwiceIs400() throws IOException {
    assertFieldError(
        http.postJson("/users", "{\"name\": \"A\", \"name\": \"B\"}"),
        "name",
        "is given more than once");
    verifyNoInteractions(users);
  }

  @Test
  void aJsonValueThatIsNotAnObjectIs400() throws IOException {
    HttpResponse<String> response = http.postJson("/users", "[{\"name\": \"A\"}]");

    assertProblem(response, 400);
    assertThat(body(response).get("detail").getStringValue())
        .isEqualTo("The request body must be a JSON object");
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws IOException {
    assertProblem(http.send("POST", "/users", "text/plain", "name=Alice"), 415);
    assertProblem(
        http.send("PUT", "/users/1", "application/x-www-form-urlencoded", "name=Alice"), 415);
    verifyNoInteractions(users);
  }

  @Test
  void aBodyOver64KiBIs413() throws IOException {
    String big = "{\"name\": \"A\", \"pad\": \"" + "x".repeat(65 * 1024) + "\"}";

    assertProblem(http.postJson("/users", big), 413);
    verifyNoInteractions(users);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/users/abc",
        "/users/0",
        "/users/-1",
        "/users/99999999999999999999",
        "/users/1.5",
        "/users/01",
        "/users/%D9%A1",
        "/users/%EF%BC%91",
        "/users/1%20"
      })
  void idsThatAreNotTheOneSpellingOfAPositive64BitIntegerAre400(String path) throws IOException {
    String message =
        "must be a positive 64-bit integer in ASCII digits, without sign or leading zeros";
    assertFieldError(http.get(path), "id", message);
    assertFieldError(http.delete(path), "id", message);
    assertFieldError(http.putJson(path, "{\"name\": \"A\"}"), "id", message);
    verifyNoInteractions(users);
  }

  @Test
  void anUnknownRouteIs404ProblemJson() throws IOException {
    assertProblem(http.get("/nothing-here"), 404);
  }

  @Test
  void aWrongMethodIs405ProblemJson() throws IOException {
    HttpResponse<String> response = http.send("PATCH", "/users", "application/json", "{}");

    assertProblem(response, 405);
    assertThat(response.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void getAnswersTheUserWithItsETag() throws IOException {
    when(users.get(new UserId(7))).thenReturn(user(7, "Alice", null, 4));

    HttpResponse<String> response = http.get("/users/7");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"4\"");
    assertThat(body(response).get("id").getLongValue()).isEqualTo(7);
  }

  @Test
  void getOfAMissingUserIs404ProblemJson() throws IOException {
    when(users.get(new UserId(8))).thenThrow(new UserNotFoundException(new UserId(8)));

    HttpResponse<String> response = http.get("/users/8");

    assertProblem(response, 404);
    assertThat(body(response).get("detail").getStringValue()).isEqualTo("User 8 does not exist");
    assertThat(body(response).get("instance").getStringValue()).isEqualTo("/users/8");
  }

  @Test
  void listDefaultsTo50AndLinksTheNextPage() throws IOException {
    UserQuery next = new UserQuery(Optional.of(new UserId(2)), Optional.empty(), 50);
    when(users.list(any()))
        .thenReturn(
            new UserPage(List.of(user(1, "A", null, 1), user(2, "B", null, 1)), Optional.of(next)));

    HttpResponse<String> response = http.get("/users");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode page = body(response);
    assertThat(page.get("items").size()).isEqualTo(2);
    assertThat(page.get("next").getStringValue()).isEqualTo("/users?after=2&limit=50");
    verify(users).list(new UserQuery(Optional.empty(), Optional.empty(), 50));
  }

  @Test
  void listPassesCursorLimitAndEmailAndEndsWithANullNext() throws IOException {
    when(users.list(any())).thenReturn(new UserPage(List.of(), Optional.empty()));

    HttpResponse<String> response = http.get("/users/?limit=500&after=9&email=Bob%40Example.com");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response).get("next").isNull()).isTrue();
    assertThat(body(response).get("items").size()).isZero();
    verify(users)
        .list(new UserQuery(
            Optional.of(new UserId(9)), Optional.of(Email.of("bob@example.com")), 500));
  }

  @Test
  void theNextLinkKeepsTheEmailFilter() throws IOException {
    UserQuery next =
        new UserQuery(Optional.of(new UserId(3)), Optional.of(Email.of("a+b@example.com")), 1);
    when(users.list(any()))
        .thenReturn(new UserPage(List.of(user(3, "A", "a+b@example.com", 1)), Optional.of(next)));

    HttpResponse<String> response = http.get("/users?limit=1&email=a%2Bb%40example.com");

    assertThat(body(response).get("next").getStringValue())
        .isEqualTo("/users?after=3&limit=1&email=a%2Bb%40example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "501", "-1", "abc", "1e3"})
  void aLimitOutOfRangeIs400NeverClamped(String limit) throws IOException {
    assertFieldError(
        http.get("/users?limit=" + limit), "limit", "must be an integer from 1 to 500");
    verifyNoInteractions(users);
  }

  @Test
  void badCursorsFiltersAndUnknownParametersAre400() throws IOException {
    assertFieldError(
        http.get("/users?after=x"), "after", "must be a user id, a positive 64-bit integer");
    assertFieldError(http.get("/users?email=nope"), "email", "must be a valid email address");
    assertFieldError(http.get("/users?page=2"), "page", "is not a known query parameter");
    verifyNoInteractions(users);
  }

  @Test
  void putWithIfMatchPassesTheVersionAndAnswersTheNewOne() throws IOException {
    when(users.update(any(), any(), any(), any())).thenReturn(user(5, "Bob", null, 4));

    HttpResponse<String> response =
        http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": null}", "If-Match", "\"3\"");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"4\"");
    assertThat(body(response).get("version").getLongValue()).isEqualTo(4);
    verify(users).update(new UserId(5), UserName.of("Bob"), null, Precondition.version(3));
  }

  @Test
  void putWithoutIfMatchOrWithStarIsUnconditional() throws IOException {
    when(users.update(any(), any(), any(), any())).thenReturn(user(5, "Bob", null, 2));

    assertThat(http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": null}").statusCode())
        .isEqualTo(200);
    assertThat(http.putJson("/users/5/", "{\"name\": \"Bob\", \"email\": null}", "If-Match", "*")
            .statusCode())
        .isEqualTo(200);
    verify(users).update(new UserId(5), UserName.of("Bob"), null, Precondition.none());
    verify(users).update(new UserId(5), UserName.of("Bob"), null, Precondition.exists());
  }

  @Test
  void putAtAStaleVersionIs412WithTheCurrentETag() throws IOException {
    when(users.update(any(), any(), any(), any()))
        .thenThrow(new VersionConflictException(new UserId(5), 3, 4));

    HttpResponse<String> response =
        http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": null}", "If-Match", "\"3\"");

    assertProblem(response, 412);
    assertThat(response.headers().firstValue("ETag")).contains("\"4\"");
  }

  @Test
  void putToATakenEmailIs409() throws IOException {
    when(users.update(any(), any(), any(), any()))
        .thenThrow(new EmailAlreadyTakenException(Email.of("a@example.com")));

    HttpResponse<String> response =
        http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": \"a@example.com\"}");

    assertProblem(response, 409);
    assertThat(body(response).get("errors").get(0).get("field").getStringValue())
        .isEqualTo("email");
  }

  @Test
  void createWithATakenEmailIs409() throws IOException {
    when(users.create(any(), any()))
        .thenThrow(new EmailAlreadyTakenException(Email.of("a@example.com")));

    assertProblem(
        http.postJson("/users", "{\"name\": \"Bob\", \"email\": \"a@example.com\"}"), 409);
  }

  @Test
  void putOfAMissingUserIs404AndWithoutABodyIs400() throws IOException {
    when(users.update(any(), any(), any(), any()))
        .thenThrow(new UserNotFoundException(new UserId(5)));

    assertProblem(http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": null}"), 404);
    assertProblem(http.putJson("/users/5", ""), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "\"3", "W/3", "\"3\" \"4\"", "\"a b\"", "*, \"3\"", ","})
  void aMalformedIfMatchIs400(String ifMatch) throws IOException {
    String reason =
        "must be * or a list of entity tags as sent in ETag, such as \"3\" or \"3\", \"4\"";
    assertFieldError(
        http.putJson("/users/5", "{\"name\": \"Bob\", \"email\": null}", "If-Match", ifMatch),
        "If-Match",
        reason);
    assertFieldError(http.delete("/users/5", "If-Match", ifMatch), "If-Match", reason);
    verifyNoInteractions(users);
  }

  @Test
  void anIfMatchListMatchesAnyOfItsStrongTagsAndWeakOrForeignTagsNever() throws IOException {
    when(users.update(any(), any(), any(), any())).thenReturn(user(5, "Bob", null, 4));
    String body = "{\"name\": \"Bob\", \"email\": null}";

    http.putJson("/users/5", body, "If-Match", "\"3\", W/\"7\", \"abc\",\"9\"");
    http.putJson("/users/5", body, "If-Match", "W/\"3\"");

    verify(users)
        .update(
            new UserId(5),
            UserName.of("Bob"),
            null,
            Precondition.versionIn(java.util.Set.of(3L, 9L)));
    verify(users)
        .update(
            new UserId(5), UserName.of("Bob"), null, Precondition.versionIn(java.util.Set.of()));
  }

  @Test
  void deleteAnswers204() throws IOException {
    HttpResponse<String> response = http.delete("/users/5/", "If-Match", "\"2\"");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    verify(users).delete(new UserId(5), Precondition.version(2));
  }

  @Test
  void deleteOfAMissingUserIs404AndAtAStaleVersion412() throws IOException {
    doThrow(new UserNotFoundException(new UserId(5)))
        .when(users)
        .delete(new UserId(5), Precondition.none());
    doThrow(new VersionConflictException(new UserId(6), 1, 2))
        .when(users)
        .delete(eq(new UserId(6)), any());

    assertProblem(http.delete("/users/5"), 404);
    assertProblem(http.delete("/users/6", "If-Match", "\"1\""), 412);
  }

  @Test
  void everyRouteAcceptsATrailingSlash() throws IOException {
    when(users.get(new UserId(7))).thenReturn(user(7, "Alice", null, 1));
    when(users.list(any())).thenReturn(new UserPage(List.of(), Optional.empty()));
    when(users.create(any(), any())).thenReturn(user(7, "Alice", null, 1));

    assertThat(http.get("/users/7/").statusCode()).isEqualTo(200);
    assertThat(http.get("/users/").statusCode()).isEqualTo(200);
    assertThat(http.postJson("/users/", "{\"name\": \"Alice\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void aFullWriteQueueIs503WithRetryAfter() throws IOException {
    when(users.create(any(), any())).thenThrow(new StoreBusyException("the write queue is full"));

    HttpResponse<String> response = http.postJson("/users", "{\"name\": \"Bob\"}");

    assertProblem(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void aStoreThatCannotServeIs503WithRetryAfterAndSaysNothingWasChanged() throws IOException {
    when(users.create(any(), any()))
        .thenThrow(
            new StoreUnavailableException("SQLite write failed: [SQLITE_FULL] secret", null));

    HttpResponse<String> response = http.postJson("/users", "{\"name\": \"Bob\"}");

    assertProblem(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(body(response).get("type").getStringValue()).endsWith(":store-unavailable");
    assertThat(body(response).get("detail").getStringValue()).contains("nothing was changed");
    assertThat(response.body()).doesNotContain("secret").doesNotContain("SQLITE");
  }

  @Test
  void aWriteWhoseOutcomeIsUnknownSaysSoInIts503() throws IOException {
    when(users.create(any(), any()))
        .thenThrow(new StoreUnavailableException("connection", "lost at commit", null, true));

    HttpResponse<String> response = http.postJson("/users", "{\"name\": \"Bob\"}");

    assertProblem(response, 503);
    assertThat(body(response).get("detail").getStringValue())
        .contains("may or may not have been stored");
  }

  @Test
  void aHandlerPoolThatIsShutDownIs503NotA500() throws IOException {
    when(users.get(new UserId(9)))
        .thenThrow(new java.util.concurrent.RejectedExecutionException("terminated"));

    HttpResponse<String> response = http.get("/users/9");

    assertProblem(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void anUnexpectedFailureIs500WithoutItsCause() throws IOException {
    when(users.get(new UserId(9)))
        .thenThrow(new IllegalStateException("secret: disk on fire at /var/x"));

    HttpResponse<String> response = http.get("/users/9");

    assertProblem(response, 500);
    assertThat(response.body()).doesNotContain("secret").doesNotContain("/var/x");
  }

  @Test
  void aPatchPassesOnlyTheFieldsItNamesToTheDomain() throws IOException {
    when(users.patch(any(), any(), any())).thenReturn(user(5, "Bob", null, 3));

    HttpResponse<String> response = http.send(
        "PATCH",
        "/users/5",
        "application/merge-patch+json",
        "{\"email\": null}",
        "If-Match",
        "\"2\"");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"3\"");
    verify(users)
        .patch(
            new UserId(5),
            new dev.userbase.domain.UserPatch(
                java.util.Optional.empty(), java.util.Optional.of(java.util.Optional.empty())),
            Precondition.version(2));
  }

  @Test
  void aPatchThatRemovesTheNameIs400AndNeverReachesTheDomain() throws IOException {
    assertFieldError(
        http.send("PATCH", "/users/5", "application/json", "{\"name\": null}"),
        "name",
        "cannot be removed: a user must have a name");
    verifyNoInteractions(users);
  }

  @Test
  void aGetWhoseIfNoneMatchNamesTheVersionIs304WithTheETag() throws IOException {
    when(users.get(new UserId(5))).thenReturn(user(5, "Bob", null, 3));

    HttpResponse<String> same = http.get("/users/5", "If-None-Match", "W/\"3\"");
    HttpResponse<String> other = http.get("/users/5", "If-None-Match", "\"2\"");

    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.headers().firstValue("ETag")).contains("\"3\"");
    assertThat(same.body()).isEmpty();
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void aNameSearchReachesTheDomainAsAPrefixAndAnEmptyOneIs400() throws IOException {
    when(users.list(any())).thenReturn(new UserPage(List.of(), Optional.empty()));

    assertThat(http.get("/users?name=Al%25&limit=5").statusCode()).isEqualTo(200);
    verify(users).list(new UserQuery(Optional.empty(), Optional.empty(), Optional.of("Al%"), 5));
    assertFieldError(http.get("/users?name="), "name", "must be 1 to 200 characters to search by");
    // No name holds a control character, and PostgreSQL cannot take U+0000 at all.
    assertFieldError(
        http.get("/users?name=a%40example.com%00"),
        "name",
        "must not contain control characters to search by");
    assertFieldError(
        http.get("/users?name=Al%09"), "name", "must not contain control characters to search by");
    verify(users, times(1)).list(any());
  }

  @Test
  void aPutWithoutTheEmailFieldIs400NamingIt() throws IOException {
    HttpResponse<String> response = http.putJson("/users/5", "{\"name\": \"Bob\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("errors").get(0).get("field").getStringValue())
        .isEqualTo("email");
    verifyNoInteractions(users);
  }
}
