package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link UserRepository} must do. Each adapter's test extends this
 * class against a real, empty store; a new behaviour of the port gets its test here, once.
 */
public abstract class UserRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456789Z");

  protected UserRepository repository;
  private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  /** A repository over an empty store, made for one test. */
  protected abstract UserRepository newRepository() throws Exception;

  /** Releases what {@link #newRepository()} made. */
  protected void closeRepository() throws Exception {}

  @BeforeEach
  void setUpRepository() throws Exception {
    repository = newRepository();
  }

  @AfterEach
  void tearDownRepository() throws Exception {
    closeRepository();
  }

  private User newUser(String name, String email) {
    return User.create(UserName.of(name), email == null ? null : Email.of(email), clock);
  }

  private User insert(String name, String email) {
    return repository.insert(newUser(name, email));
  }

  @Test
  void insertAssignsAnIdAndKeepsEveryField() {
    User inserted = insert("Alice", "alice@example.com");

    // What the store gives back when asked, not what insert handed back.
    User stored = repository.findById(inserted.id()).orElseThrow();
    assertThat(stored.id()).isEqualTo(inserted.id());
    assertThat(stored.name()).isEqualTo(UserName.of("Alice"));
    assertThat(stored.email()).contains(Email.of("alice@example.com"));
    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123Z"));
    assertThat(stored.updatedAt()).isEqualTo(stored.createdAt());
    assertThat(stored.version()).isEqualTo(1);
  }

  @Test
  void insertAssignsDistinctIncreasingIds() {
    long first = insert("A", null).id().value();
    long second = insert("B", null).id().value();
    long third = insert("C", null).id().value();

    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
  }

  @Test
  void theIdOfTheLastUserDeletedIsNeverHandedOutAgain() {
    insert("First", null);
    User last = insert("Last", null);
    assertThat(repository.delete(last.id())).isTrue();

    User next = insert("Next", null);

    // The highest id was freed: a store that reuses it (SQLite without AUTOINCREMENT, a
    // MAX(id) + 1) would give it out again, and an old link would find another user.
    assertThat(next.id().value()).isGreaterThan(last.id().value());
    assertThat(repository.findById(last.id())).isEmpty();
  }

  @Test
  void findByIdReturnsExactlyWhatWasStored() {
    User stored = insert("Zoë Ünïcödé 日本 🙂", null);

    assertThat(repository.findById(stored.id())).contains(stored);
    assertThat(repository.findById(stored.id()).orElseThrow().email()).isEmpty();
  }

  @Test
  void findByIdOfAnUnknownIdIsEmpty() {
    insert("Alice", null);

    assertThat(repository.findById(new UserId(987_654_321L))).isEmpty();
  }

  @Test
  void insertWithATakenEmailFailsAndStoresNothing() {
    insert("Alice", "alice@example.com");

    assertThatThrownBy(() -> insert("Other", "alice@example.com"))
        .isInstanceOf(EmailAlreadyTakenException.class);
    assertThat(repository.list(0, Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void manyUsersMayHaveNoEmail() {
    insert("A", null);
    insert("B", null);

    assertThat(repository.list(0, Optional.empty(), 10)).hasSize(2);
  }

  @Test
  void listReturnsUsersAfterTheCursorInIdOrderUpToTheLimit() {
    List<User> all =
        List.of(insert("A", null), insert("B", null), insert("C", null), insert("D", null));

    assertThat(repository.list(0, Optional.empty(), 2)).containsExactly(all.get(0), all.get(1));
    assertThat(repository.list(all.get(1).id().value(), Optional.empty(), 2))
        .containsExactly(all.get(2), all.get(3));
    assertThat(repository.list(all.get(3).id().value(), Optional.empty(), 2)).isEmpty();
  }

  @Test
  void listFiltersByEmail() {
    insert("A", "a@example.com");
    User b = insert("B", "b@example.com");

    assertThat(repository.list(0, Optional.of(Email.of("b@example.com")), 10)).containsExactly(b);
    assertThat(repository.list(b.id().value(), Optional.of(Email.of("b@example.com")), 10))
        .isEmpty();
    assertThat(repository.list(0, Optional.of(Email.of("nobody@example.com")), 10))
        .isEmpty();
  }

  @Test
  void aSearchFindsNamesByTheirSearchKeysPrefixInKeyThenIdOrder() {
    User alina = insert("ALINA Ødegård", null);
    User alice = insert("Alice", null);
    insert("Bob", null);
    User percent = insert("al%ice", null);
    User under = insert("al_ice", null);
    User odile = insert("Ødile", null);
    User alice2 = insert("alice", null);

    assertThat(search("ali", null, 10)).containsExactly(alice, alice2, alina);
    assertThat(search("ali", alice, 10)).containsExactly(alice2, alina);
    assertThat(search("ali", alice2, 10)).containsExactly(alina);
    assertThat(search("ali", alina, 10)).isEmpty();
    assertThat(search("ali", null, 2)).containsExactly(alice, alice2);
    // Characters that are patterns elsewhere are plain characters here.
    assertThat(search("al%", null, 10)).containsExactly(percent);
    assertThat(search("al_", null, 10)).containsExactly(under);
    assertThat(search("%", null, 10)).isEmpty();
    assertThat(search("ø", null, 10)).containsExactly(odile);
    assertThat(search("alina ødegård", null, 10)).containsExactly(alina);
    assertThat(search("alina ødegårds", null, 10)).isEmpty();
  }

  @Test
  void aSearchPagedAtEveryDepthGivesEachMatchOnceInOrderWhateverTheIds() {
    java.util.Random random = new java.util.Random(20261204L);
    List<User> matches = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // Few distinct names, so that many share a key and the id decides.
      User user = insert("Ann " + (char) ('a' + random.nextInt(5)), null);
      matches.add(user);
      insert("Bo " + i, null);
    }
    matches.sort(java.util.Comparator.comparing((User u) -> u.name().searchKey())
        .thenComparing(u -> u.id().value()));
    List<User> paged = new java.util.ArrayList<>();
    User last = null;
    for (int pages = 0; pages < 100; pages++) {
      List<User> page = search("ann", last, 7);
      paged.addAll(page);
      if (page.size() < 7) {
        break;
      }
      last = page.get(page.size() - 1);
    }
    assertThat(paged).containsExactlyElementsOf(matches);
  }

  private List<User> search(String prefix, User after, int limit) {
    return repository.search(
        prefix,
        Optional.empty(),
        Optional.ofNullable(after)
            .map(user -> new SearchCursor(user.name().searchKey(), user.id().value())),
        limit);
  }

  @Test
  void aNameSearchCombinesWithTheEmailFilterAndFollowsRenames() {
    User a = insert("Alice", "a@example.com");
    insert("Alicia", "b@example.com");

    assertThat(
            repository.search("ali", Optional.of(Email.of("a@example.com")), Optional.empty(), 10))
        .containsExactly(a);
    assertThat(
            repository.search("bo", Optional.of(Email.of("a@example.com")), Optional.empty(), 10))
        .isEmpty();

    User renamed = a.changeDetails(UserName.of("Bob"), a.email().orElse(null), Clock.systemUTC());
    assertThat(repository.update(renamed)).isTrue();
    assertThat(search("bo", null, 10)).containsExactly(renamed);
    assertThat(search("alice", null, 10)).isEmpty();
  }

  @Test
  void updateAtTheNextVersionReplacesTheUser() {
    User stored = insert("Alice", "alice@example.com");
    clock = Clock.offset(clock, Duration.ofSeconds(5));
    User changed = stored.changeDetails(UserName.of("Alicia"), null, clock);

    assertThat(repository.update(changed)).isTrue();

    User read = repository.findById(stored.id()).orElseThrow();
    assertThat(read).isEqualTo(changed);
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.email()).isEmpty();
    assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:05.123Z"));
    assertThat(read.createdAt()).isEqualTo(stored.createdAt());
  }

  @Test
  void updateFromAStaleVersionChangesNothing() {
    User stored = insert("Alice", null);
    User first = stored.changeDetails(UserName.of("First"), null, clock);
    User second = stored.changeDetails(UserName.of("Second"), null, clock);

    assertThat(repository.update(first)).isTrue();
    assertThat(repository.update(second)).isFalse();

    assertThat(repository.findById(stored.id())).contains(first);
  }

  @Test
  void updateOfADeletedUserChangesNothing() {
    User stored = insert("Alice", null);
    assertThat(repository.delete(stored.id())).isTrue();

    assertThat(repository.update(stored.changeDetails(UserName.of("Bob"), null, clock)))
        .isFalse();
    assertThat(repository.findById(stored.id())).isEmpty();
  }

  @Test
  void updateToAnotherUsersEmailFailsAndKeepsTheStoredUser() {
    insert("Alice", "alice@example.com");
    User bob = insert("Bob", "bob@example.com");

    User clash = bob.changeDetails(UserName.of("Bob"), Email.of("alice@example.com"), clock);
    assertThatThrownBy(() -> repository.update(clash))
        .isInstanceOf(EmailAlreadyTakenException.class);

    assertThat(repository.findById(bob.id())).contains(bob);
  }

  @Test
  void updateMayKeepTheUsersOwnEmail() {
    User alice = insert("Alice", "alice@example.com");

    User renamed = alice.changeDetails(UserName.of("Alicia"), Email.of("alice@example.com"), clock);

    assertThat(repository.update(renamed)).isTrue();
    assertThat(repository.findById(alice.id())).contains(renamed);
  }

  @Test
  void deleteAtTheStoredVersionRemovesTheUser() {
    User stored = insert("Alice", null);

    assertThat(repository.delete(stored.id(), 2)).isFalse();
    assertThat(repository.findById(stored.id())).isPresent();
    assertThat(repository.delete(stored.id(), 1)).isTrue();
    assertThat(repository.findById(stored.id())).isEmpty();
  }

  @Test
  void deleteOfAnUnknownUserReportsFalse() {
    assertThat(repository.delete(new UserId(42))).isFalse();
    assertThat(repository.delete(new UserId(42), 1)).isFalse();
  }

  @Test
  void anEmailFreedByADeleteCanBeTakenAgain() {
    User alice = insert("Alice", "alice@example.com");
    assertThat(repository.delete(alice.id())).isTrue();

    User again = insert("Alice again", "alice@example.com");

    assertThat(again.id()).isNotEqualTo(alice.id());
    assertThat(repository.list(0, Optional.empty(), 10)).containsExactly(again);
  }
}
