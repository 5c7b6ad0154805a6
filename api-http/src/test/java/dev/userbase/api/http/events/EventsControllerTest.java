package dev.userbase.api.http.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.userbase.api.http.MockedDomain;
import dev.userbase.api.http.MockedDomainHttpTest;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of /events, with the feed mocked. */
@MicronautTest
@Property(name = MockedDomain.ENABLED, value = "true")
class EventsControllerTest extends MockedDomainHttpTest {

  private static final Instant T = Instant.parse("2026-12-04T10:00:00.120Z");

  @Inject
  ChangeFeed feed;

  @BeforeEach
  void resetFeed() {
    reset(feed);
  }

  private static List<ChangeEvent> oneOfEach() {
    User ada = User.restore(new UserId(7), UserName.of("Ada"), null, T, T, 3);
    Group team = Group.restore(new GroupId(2), GroupName.of("Team"), null, T, T, 1);
    return List.of(
        new ChangeEvent(11, ChangeType.USER_UPDATED, T, "7", 3L, ada),
        new ChangeEvent(12, ChangeType.GROUP_CREATED, T, "2", 1L, team),
        new ChangeEvent(
            13, ChangeType.MEMBERSHIP_ADDED, T, "2/7", null, new UserTransfer.Member(2, 7)),
        new ChangeEvent(14, ChangeType.USER_DELETED, T, "7", 3L, null),
        new ChangeEvent(
            15, ChangeType.IMPORT_COMPLETED, T, null, null, new UserTransfer.Counts(5, 1, 0)));
  }

  @Test
  void aPageShowsEachEventWithItsResourceAndTheNextPosition() throws Exception {
    when(feed.after(10, 5)).thenReturn(oneOfEach());
    when(feed.bounds()).thenReturn(new ChangeFeed.Bounds(0, 20));

    HttpResponse<String> response = http.get("/events?after=10&limit=5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode page = body(response);
    assertThat(page.get("next").getStringValue()).isEqualTo("/events?after=15&limit=5");
    JsonNode items = page.get("items");
    assertThat(items.size()).isEqualTo(5);
    JsonNode update = items.get(0);
    assertThat(update.get("type").getStringValue()).isEqualTo("user.updated");
    assertThat(update.get("time").getStringValue()).isEqualTo("2026-12-04T10:00:00.120Z");
    assertThat(update.get("resource").get("name").getStringValue()).isEqualTo("Ada");
    assertThat(update.get("resource").get("email").isNull()).isTrue();
    assertThat(items.get(1).get("resource").get("description").isNull()).isTrue();
    assertThat(items.get(2).get("resource").get("groupId").getLongValue()).isEqualTo(2);
    assertThat(items.get(2).get("version").isNull()).isTrue();
    assertThat(items.get(3).get("resource").isNull()).isTrue();
    assertThat(items.get(4).get("resourceId").isNull()).isTrue();
    assertThat(items.get(4).get("resource").get("memberships").getLongValue()).isZero();
  }

  @Test
  void aPositionPastRetentionIs410AndAStoreThatCannotServeIs503() throws Exception {
    when(feed.after(anyLong(), anyInt())).thenReturn(List.of());
    when(feed.bounds()).thenReturn(new ChangeFeed.Bounds(100, 120));
    HttpResponse<String> gone = http.get("/events?after=99");
    assertThat(assertProblem(gone, 410).get("detail").getStringValue())
        .contains("past retention")
        .contains("oldest kept is 101");

    when(feed.bounds()).thenThrow(new StoreUnavailableException("connection", "down", null, false));
    HttpResponse<String> unavailable = http.get("/events?after=100");
    assertProblem(unavailable, 503);
    assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void withoutAPositionAPageStartsAtTheOldestKept() throws Exception {
    when(feed.bounds()).thenReturn(new ChangeFeed.Bounds(40, 45));
    when(feed.after(40, 100)).thenReturn(List.of());

    HttpResponse<String> response = http.get("/events");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response).get("next").getStringValue()).isEqualTo("/events?after=40");
    verify(feed).after(40, 100);
  }
}
