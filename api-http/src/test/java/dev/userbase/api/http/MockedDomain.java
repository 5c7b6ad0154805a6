package dev.userbase.api.http;

import static org.mockito.Mockito.mock;

import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.GroupService;
import dev.userbase.domain.UserService;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Stands in for the app's wiring: the controllers meet a Mockito mock of the domain. */
@Factory
@Requires(property = MockedDomain.ENABLED, value = "true")
public class MockedDomain {

  // This class ships in the test-jar; only tests that ask for the mock get it.
  public static final String ENABLED = "userbase.test.mocked-domain";

  // A plain Mockito mock, not @MockBean: that one proxies the class and runs its constructor.
  @Singleton
  UserService userService() {
    return mock(UserService.class);
  }

  @Singleton
  GroupService groupService() {
    return mock(GroupService.class);
  }

  @Singleton
  ChangeFeed changeFeed() {
    return mock(ChangeFeed.class);
  }

  @Singleton
  UserTransfers userTransfers() {
    return mock(UserTransfers.class);
  }
}
