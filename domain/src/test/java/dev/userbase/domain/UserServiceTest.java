package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class UserServiceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private static final UserId ID = new UserId(7);

  @Mock
  private UserRepository users;

  private UserService service;

  @BeforeEach
  void setUp() {
    service = new UserService(users, CLOCK);
  }

  private static User stored(long version) {
    Instant t = CLOCK.instant();
    return User.restore(ID, UserName.of("Alice"), Email.of("alice@example.com"), t, t, version);
  }

  @Test
  void createStoresANewUserAndReturnsWhatTheStoreGaveBack() {
    User saved = stored(1);
    when(users.insert(any())).thenReturn(saved);

    User created = service.create(UserName.of("Alice"), Email.of("alice@example.com"));

    ArgumentCaptor<User> sent = ArgumentCaptor.forClass(User.class);
    verify(users).insert(sent.capture());
    assertThat(sent.getValue().id()).isNull();
    assertThat(sent.getValue().version()).isEqualTo(1);
    assertThat(sent.getValue().createdAt()).isEqualTo(CLOCK.instant());
    assertThat(created).isSameAs(saved);
  }

  @Test
  void getOfAMissingUserThrowsNotFound() {
    when(users.findById(ID)).thenReturn(Optional.empty());

    assertThatThrownBy(() -> service.get(ID))
        .isInstanceOf(UserNotFoundException.class)
        .hasMessage("user 7 does not exist");
  }

  @Test
  void listAsksForOneExtraRowAndOffersTheNextPageWhenItCame() {
    User a =
        User.restore(new UserId(1), UserName.of("A"), null, CLOCK.instant(), CLOCK.instant(), 1);
    User b =
        User.restore(new UserId(2), UserName.of("B"), null, CLOCK.instant(), CLOCK.instant(), 1);
    when(users.list(0, Optional.empty(), 2)).thenReturn(List.of(a, b));

    UserPage page = service.list(new UserQuery(Optional.empty(), Optional.empty(), 1));

    assertThat(page.items()).containsExactly(a);
    assertThat(page.next())
        .contains(new UserQuery(Optional.of(new UserId(1)), Optional.empty(), 1));
  }

  @Test
  void listOffersNoNextPageOnTheLastOne() {
    when(users.list(anyLong(), any(), anyInt())).thenReturn(List.of(stored(1)));

    UserPage page = service.list(new UserQuery(Optional.of(new UserId(6)), Optional.empty(), 1));

    assertThat(page.items()).hasSize(1);
    assertThat(page.next()).isEmpty();
    verify(users).list(6, Optional.empty(), 2);
  }

  @Test
  void updateStoresTheNextVersion() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)));
    when(users.update(any())).thenReturn(true);

    User updated = service.update(ID, UserName.of("Bob"), null, Precondition.version(3));

    assertThat(updated.version()).isEqualTo(4);
    assertThat(updated.name().value()).isEqualTo("Bob");
    assertThat(updated.email()).isEmpty();
    verify(users).update(updated);
  }

  @Test
  void updateAtAnotherVersionThanExpectedConflictsWithoutWriting() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)));

    assertThatThrownBy(() -> service.update(ID, UserName.of("Bob"), null, Precondition.version(2)))
        .isInstanceOf(VersionConflictException.class)
        .hasMessage("user 7 is at version 3, not version 2");
    verify(users, never()).update(any());
  }

  @Test
  void conditionalUpdateThatLosesARaceConflicts() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)), Optional.of(stored(4)));
    when(users.update(any())).thenReturn(false);

    assertThatThrownBy(() -> service.update(ID, UserName.of("Bob"), null, Precondition.version(3)))
        .isInstanceOf(VersionConflictException.class);
    verify(users, times(1)).update(any());
  }

  @Test
  void unconditionalUpdateRetriesARaceItLost() {
    when(users.findById(ID))
        .thenReturn(Optional.of(stored(3)), Optional.of(stored(4)), Optional.of(stored(4)));
    when(users.update(any())).thenReturn(false, true);

    User updated = service.update(ID, UserName.of("Bob"), null, Precondition.none());

    assertThat(updated.version()).isEqualTo(5);
  }

  @Test
  void unconditionalUpdateNeverReportsAVersionConflictItDidNotAskAbout() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)));
    when(users.update(any())).thenReturn(false);

    assertThatThrownBy(() -> service.update(ID, UserName.of("Bob"), null, Precondition.none()))
        .isInstanceOf(StoreBusyException.class);
    verify(users, times(UserService.UNCONDITIONAL_ATTEMPTS)).update(any());
  }

  @Test
  void unconditionalUpdateWinsAfterManyLostRaces() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)));
    Boolean[] lostThenWon = new Boolean[UserService.UNCONDITIONAL_ATTEMPTS - 1];
    java.util.Arrays.fill(lostThenWon, false);
    lostThenWon[lostThenWon.length - 1] = true;
    when(users.update(any())).thenReturn(false, lostThenWon);

    User updated = service.update(ID, UserName.of("Bob"), null, Precondition.none());

    assertThat(updated.name().value()).isEqualTo("Bob");
    verify(users, times(UserService.UNCONDITIONAL_ATTEMPTS)).update(any());
  }

  @Test
  void updateOfAUserDeletedMidwayIsNotFound() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)), Optional.empty());
    when(users.update(any())).thenReturn(false);

    assertThatThrownBy(() -> service.update(ID, UserName.of("Bob"), null, Precondition.none()))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void updateToATakenEmailPassesTheConflictOn() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(1)));
    when(users.update(any())).thenThrow(new EmailAlreadyTakenException(Email.of("b@example.com")));

    assertThatThrownBy(() ->
            service.update(ID, UserName.of("A"), Email.of("b@example.com"), Precondition.none()))
        .isInstanceOf(EmailAlreadyTakenException.class);
  }

  @Test
  void deleteWithoutAVersionOfAMissingUserIsNotFound() {
    when(users.delete(ID)).thenReturn(false);

    assertThatThrownBy(() -> service.delete(ID, Precondition.none()))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void deleteAtTheExpectedVersionRemovesTheUser() {
    // On a store that keeps users, not a stub: what is checked is that the user is gone.
    InMemoryUserRepository store = new InMemoryUserRepository();
    User created = new UserService(store, CLOCK).create(UserName.of("Alice"), null);
    UserService onStore = new UserService(store, CLOCK);

    onStore.delete(created.id(), Precondition.version(1));

    assertThat(store.findById(created.id())).isEmpty();
    assertThatThrownBy(() -> onStore.get(created.id())).isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void deleteThatLosesEveryRaceToOtherWritersIsBusyNotDone() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(2)));
    when(users.delete(ID, 2)).thenReturn(false);

    assertThatThrownBy(() -> service.delete(ID, Precondition.version(2)))
        .isInstanceOf(StoreBusyException.class);
  }

  @Test
  void deleteAtAnotherVersionConflicts() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(5)));

    assertThatThrownBy(() -> service.delete(ID, Precondition.version(2)))
        .isInstanceOf(VersionConflictException.class);
    verify(users, never()).delete(any(), anyLong());
  }

  @Test
  void aListOfVersionsMatchesAnyOfThemAndAnEmptyOneNothing() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(4)));
    when(users.update(any())).thenReturn(true);

    assertThat(service
            .update(ID, UserName.of("Bob"), null, Precondition.versionIn(Set.of(3L, 4L)))
            .version())
        .isEqualTo(5);
    assertThatThrownBy(
            () -> service.update(ID, UserName.of("Bob"), null, Precondition.versionIn(Set.of())))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining("not no version");
    assertThat(
            service.update(ID, UserName.of("Bob"), null, Precondition.exists()).version())
        .isEqualTo(5);
  }

  @Test
  void aPatchKeepsWhatItDoesNotNameAndRemovesANulledEmail() {
    User current = User.restore(
        ID, UserName.of("Alice"), Email.of("a@example.com"), Instant.EPOCH, Instant.EPOCH, 3);
    when(users.findById(ID)).thenReturn(Optional.of(current));
    when(users.update(any())).thenReturn(true);

    User renamed = service.patch(
        ID,
        new UserPatch(Optional.of(UserName.of("Alicia")), Optional.empty()),
        Precondition.none());
    assertThat(renamed.name().value()).isEqualTo("Alicia");
    assertThat(renamed.email()).contains(Email.of("a@example.com"));
    assertThat(renamed.version()).isEqualTo(4);

    User noEmail = service.patch(
        ID, new UserPatch(Optional.empty(), Optional.of(Optional.empty())), Precondition.none());
    assertThat(noEmail.name().value()).isEqualTo("Alice");
    assertThat(noEmail.email()).isEmpty();
  }

  @Test
  void anEmptyPatchWritesNothingAndStillChecksItsCondition() {
    when(users.findById(ID)).thenReturn(Optional.of(stored(3)));

    assertThat(service.patch(ID, UserPatch.nothing(), Precondition.version(3)).version())
        .isEqualTo(3);
    assertThatThrownBy(() -> service.patch(ID, UserPatch.nothing(), Precondition.version(2)))
        .isInstanceOf(VersionConflictException.class);
    verify(users, never()).update(any());
  }

  @Test
  void deleteWithAVersionOfAMissingUserIsNotFound() {
    when(users.findById(ID)).thenReturn(Optional.empty());

    assertThatThrownBy(() -> service.delete(ID, Precondition.version(2)))
        .isInstanceOf(UserNotFoundException.class);
  }
}
