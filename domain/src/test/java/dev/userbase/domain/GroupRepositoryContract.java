package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link GroupRepository} must do, beside the {@link UserRepository}
 * of the same store: each adapter's test extends this class against a real, empty store.
 */
public abstract class GroupRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00.123456789Z");

  /** The two ports of one store. */
  public record Store(UserRepository users, GroupRepository groups) {}

  protected UserRepository users;
  protected GroupRepository groups;
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  /** Both ports over one empty store, made for one test. */
  protected abstract Store newStore() throws Exception;

  /** Releases what {@link #newStore()} made. */
  protected void closeStore() throws Exception {}

  /**
   * Memberships whose group or user is not stored, as the store's own check finds them (SQLite's
   * {@code PRAGMA foreign_key_check}, a join on the others): a store must never hold one.
   */
  protected abstract long orphanedMemberships() throws Exception;

  @BeforeEach
  void setUpStore() throws Exception {
    Store store = newStore();
    users = store.users();
    groups = store.groups();
  }

  @AfterEach
  void tearDownStore() throws Exception {
    closeStore();
  }

  private Group group(String name, String description) {
    return groups.insert(Group.create(
        GroupName.of(name), description == null ? null : GroupDescription.of(description), clock));
  }

  private User user(String name) {
    return users.insert(User.create(UserName.of(name), null, clock));
  }

  @Test
  void insertAssignsAnIdAndKeepsEveryField() {
    Group inserted = group("Admins", "Who may change anything");
    Group bare = group("Readers", null);

    Group stored = groups.findById(inserted.id()).orElseThrow();
    assertThat(stored).isEqualTo(inserted);
    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00.123Z"));
    assertThat(stored.description()).contains(GroupDescription.of("Who may change anything"));
    assertThat(groups.findById(bare.id()).orElseThrow().description()).isEmpty();
    assertThat(groups.findById(new GroupId(bare.id().value() + 100))).isEmpty();
  }

  @Test
  void aNameIsTakenIgnoringCaseOnInsertAndOnUpdate() {
    group("Admins", null);
    Group other = group("Readers", null);

    assertThatThrownBy(() -> group("admins", null)).isInstanceOf(GroupNameTakenException.class);
    assertThatThrownBy(() -> groups.update(other.change(GroupName.of("ADMINS"), null, clock)))
        .isInstanceOf(GroupNameTakenException.class);
    assertThat(groups.findById(other.id()).orElseThrow().name()).isEqualTo(GroupName.of("Readers"));
  }

  @Test
  void listPagesByIdAndSearchesByNamePrefixIgnoringCaseInNameOrder() {
    Group a = group("Alpha", null);
    Group b = group("beta", null);
    Group c = group("ALPACAS", null);
    Group d = group("alp", null);

    assertThat(groups.list(0, 2)).containsExactly(a, b);
    assertThat(groups.list(b.id().value(), 2)).containsExactly(c, d);
    assertThat(groups.search("alp", Optional.empty(), 10)).containsExactly(d, c, a);
    assertThat(groups.search("alp", Optional.empty(), 2)).containsExactly(d, c);
    assertThat(groups.search("alp", Optional.of(cursor(c)), 10)).containsExactly(a);
    assertThat(groups.search("alp", Optional.of(cursor(d)), 1)).containsExactly(c);
    assertThat(groups.search("%", Optional.empty(), 10)).isEmpty();
  }

  private static SearchCursor cursor(Group group) {
    return new SearchCursor(group.name().searchKey(), group.id().value());
  }

  @Test
  void updateAndDeleteHoldToTheVersion() {
    Group stored = group("Admins", null);
    Group changed = stored.change(GroupName.of("Owners"), GroupDescription.of("All"), clock);

    assertThat(groups.update(changed)).isTrue();
    assertThat(groups.update(changed))
        .as("a second change from the same version")
        .isFalse();
    assertThat(groups.findById(stored.id())).contains(changed);
    assertThat(groups.delete(stored.id(), 1)).isFalse();
    assertThat(groups.delete(stored.id(), 2)).isTrue();
    assertThat(groups.delete(stored.id())).isFalse();
    assertThat(groups.findById(stored.id())).isEmpty();
  }

  @Test
  void aMembershipIsAddedOnceAndNeedsAStoredGroupAndUser() {
    Group admins = group("Admins", null);
    User ada = user("Ada");

    assertThat(groups.add(admins.id(), ada.id())).isEqualTo(GroupRepository.Added.ADDED);
    assertThat(groups.add(admins.id(), ada.id())).isEqualTo(GroupRepository.Added.ALREADY);
    assertThat(groups.members(admins.id(), 0, 10)).containsExactly(ada);

    GroupId noGroup = new GroupId(admins.id().value() + 1000);
    UserId noUser = new UserId(ada.id().value() + 1000);
    assertThatThrownBy(() -> groups.add(noGroup, ada.id()))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> groups.add(admins.id(), noUser))
        .isInstanceOf(UserNotFoundException.class);
    assertThat(groups.groupsOf(ada.id(), 0, 10)).containsExactly(admins);
  }

  @Test
  void removeEndsAMembershipOnce() {
    Group admins = group("Admins", null);
    User ada = user("Ada");
    groups.add(admins.id(), ada.id());

    assertThat(groups.remove(admins.id(), ada.id())).isTrue();
    assertThat(groups.remove(admins.id(), ada.id())).isFalse();
    assertThat(groups.members(admins.id(), 0, 10)).isEmpty();
    assertThat(users.findById(ada.id())).as("the user stays").isPresent();
  }

  @Test
  void membersArePagedByUserIdAndGroupsOfAUserByGroupId() {
    Group one = group("One", null);
    Group two = group("Two", null);
    Group three = group("Three", null);
    User a = user("A");
    User b = user("B");
    User c = user("C");
    for (User member : List.of(c, a, b)) {
      groups.add(two.id(), member.id());
    }
    groups.add(three.id(), a.id());
    groups.add(one.id(), a.id());

    assertThat(groups.members(two.id(), 0, 2)).containsExactly(a, b);
    assertThat(groups.members(two.id(), b.id().value(), 2)).containsExactly(c);
    assertThat(groups.groupsOf(a.id(), 0, 2)).containsExactly(one, two);
    assertThat(groups.groupsOf(a.id(), two.id().value(), 2)).containsExactly(three);
  }

  @Test
  void deletingAUserRemovesItsMembershipsAndNoGroup() {
    Group admins = group("Admins", null);
    Group readers = group("Readers", null);
    User ada = user("Ada");
    User bob = user("Bob");
    groups.add(admins.id(), ada.id());
    groups.add(readers.id(), ada.id());
    groups.add(admins.id(), bob.id());

    assertThat(users.delete(ada.id())).isTrue();

    assertThat(groups.members(admins.id(), 0, 10)).containsExactly(bob);
    assertThat(groups.members(readers.id(), 0, 10)).isEmpty();
    assertThat(groups.groupsOf(ada.id(), 0, 10)).isEmpty();
    assertThat(groups.findById(readers.id())).isPresent();
  }

  @Test
  void aUserInAThousandGroupsGoesInOneDeleteWithEveryMembership() throws Exception {
    User ada = user("Ada");
    User bob = user("Bob");
    List<Group> teams = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Group team = group("Team " + i, null);
      groups.add(team.id(), ada.id());
      teams.add(team);
    }
    groups.add(teams.get(500).id(), bob.id());
    assertThat(groups.groupsOf(ada.id(), 0, 500)).hasSize(500);

    long start = System.nanoTime();
    assertThat(users.delete(ada.id())).isTrue();
    System.out.printf(
        "%s: a user with 1,000 memberships deleted in %.1f ms%n",
        getClass().getSimpleName(), (System.nanoTime() - start) / 1e6);

    assertThat(groups.groupsOf(ada.id(), 0, 500)).isEmpty();
    assertThat(groups.members(teams.get(500).id(), 0, 10)).containsExactly(bob);
    assertThat(groups.list(0, 500)).hasSize(500);
    assertThat(orphanedMemberships()).isZero();
  }

  @Test
  void deletingAGroupRemovesItsMembershipsAndNoUser() {
    Group admins = group("Admins", null);
    Group readers = group("Readers", null);
    User ada = user("Ada");
    groups.add(admins.id(), ada.id());
    groups.add(readers.id(), ada.id());

    assertThat(groups.delete(admins.id())).isTrue();

    assertThat(groups.groupsOf(ada.id(), 0, 10)).containsExactly(readers);
    assertThat(users.findById(ada.id())).isPresent();
    assertThatThrownBy(() -> groups.add(admins.id(), ada.id()))
        .isInstanceOf(GroupNotFoundException.class);
  }

  @Test
  void aStormOfAddsAndDeletesLeavesNoOrphanAndNoUnexpectedFailure() throws Exception {
    List<Group> teams = new java.util.ArrayList<>();
    List<User> people = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      teams.add(group("Storm " + i, null));
    }
    for (int i = 0; i < 30; i++) {
      people.add(user("Person " + i));
    }
    java.util.Random random = new java.util.Random(20261204);
    List<java.util.concurrent.Callable<String>> work = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Group team = teams.get(random.nextInt(teams.size()));
      User person = people.get(random.nextInt(people.size()));
      work.add(() -> {
        try {
          return groups.add(team.id(), person.id()).name();
        } catch (GroupNotFoundException | UserNotFoundException gone) {
          return gone.getClass().getSimpleName();
        }
      });
      if (i % 20 == 10) {
        User leaving = people.get(random.nextInt(people.size()));
        work.add(() -> "user deleted " + users.delete(leaving.id()));
      }
      if (i % 150 == 75) {
        Group ending = teams.get(random.nextInt(teams.size()));
        work.add(() -> "group deleted " + groups.delete(ending.id()));
      }
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
    try {
      // Bounded: a storm that hangs is cancelled, and get() then fails the test.
      for (java.util.concurrent.Future<String> done :
          pool.invokeAll(work, 60, java.util.concurrent.TimeUnit.SECONDS)) {
        // An exception of any other kind fails the test here.
        outcomes.merge(done.get().replaceAll(" (true|false)$", ""), 1, Integer::sum);
      }
    } finally {
      pool.shutdownNow();
    }

    long orphans = orphanedMemberships();
    System.out.printf(
        "%s: storm of adds and deletes: %s; orphans %d%n",
        getClass().getSimpleName(), outcomes, orphans);
    assertThat(outcomes).containsKey("ADDED");
    assertThat(orphans).as("orphans after %s", outcomes).isZero();
    for (Group team : teams) {
      for (User member : groups.members(team.id(), 0, 500)) {
        assertThat(users.findById(member.id())).as("a member is a stored user").isPresent();
      }
    }
  }

  @Test
  void aDeletedGroupsIdIsNeverHandedOutAgain() {
    Group first = group("First", null);
    Group second = group("Second", null);
    groups.delete(second.id());

    Group third = group("Third", null);
    assertThat(third.id().value()).isGreaterThan(second.id().value());
    assertThat(groups.findById(first.id())).isPresent();
  }
}
