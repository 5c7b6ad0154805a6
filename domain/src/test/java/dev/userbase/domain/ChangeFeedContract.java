package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's change feed must do: an event for each committed change, in its
 * transaction, in commit order, with no gap, no duplicate and nothing for a write that failed;
 * retention that prunes the oldest and a reader behind it told so. Each store's test extends it
 * on a real, empty store.
 */
public abstract class ChangeFeedContract {

  /** The ports of one store. */
  public record Store(UserRepository users, GroupRepository groups, ChangeFeed feed) {}

  private static final long SEED = 20261204L;

  protected UserRepository users;
  protected GroupRepository groups;
  protected ChangeFeed feed;
  private final Clock clock = Clock.systemUTC();

  /** The ports over one empty store, made for one test. */
  protected abstract Store newStore() throws Exception;

  /** Releases what {@link #newStore()} made. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void setUpStore() throws Exception {
    Store store = newStore();
    users = store.users();
    groups = store.groups();
    feed = store.feed();
  }

  @AfterEach
  void tearDownStore() throws Exception {
    closeStore();
  }

  /** Every event, once the stamping (where a store has it) has caught up with the writes. */
  private List<ChangeEvent> settled(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<ChangeEvent> all = readAll(0);
    while (all.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      all = readAll(0);
    }
    return all;
  }

  private List<ChangeEvent> readAll(long after) {
    List<ChangeEvent> all = new ArrayList<>();
    long cursor = after;
    while (true) {
      List<ChangeEvent> page = feed.after(cursor, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      cursor = page.get(page.size() - 1).position();
    }
  }

  @Test
  void eachChangeHasItsEventWithTheResourceAsStored() throws Exception {
    User ada = users.insert(User.create(UserName.of("Ada"), Email.of("ada@example.com"), clock));
    User renamed = ada.changeDetails(UserName.of("Ada L."), null, clock);
    assertThat(users.update(renamed)).isTrue();
    Group admins = groups.insert(Group.create(GroupName.of("Admins"), null, clock));
    Group described = admins.change(GroupName.of("Admins"), GroupDescription.of("Root"), clock);
    assertThat(groups.update(described)).isTrue();
    assertThat(groups.add(admins.id(), ada.id())).isEqualTo(GroupRepository.Added.ADDED);
    assertThat(groups.add(admins.id(), ada.id())).isEqualTo(GroupRepository.Added.ALREADY);
    assertThat(groups.remove(admins.id(), ada.id())).isTrue();
    assertThat(groups.remove(admins.id(), ada.id())).isFalse();
    assertThat(groups.add(admins.id(), ada.id())).isEqualTo(GroupRepository.Added.ADDED);
    // The user's delete removes the membership by cascade: its event comes first.
    assertThat(users.delete(ada.id(), renamed.version())).isTrue();
    assertThat(groups.delete(admins.id())).isTrue();

    List<ChangeEvent> events = settled(10);
    String g = Long.toString(admins.id().value());
    String u = Long.toString(ada.id().value());
    String m = ChangeEvent.membershipId(admins.id().value(), ada.id().value());
    assertThat(events)
        .extracting(e -> e.type().wireName() + " " + e.resourceId() + " " + e.version())
        .containsExactly(
            "user.created " + u + " 1",
            "user.updated " + u + " 2",
            "group.created " + g + " 1",
            "group.updated " + g + " 2",
            "membership.added " + m + " null",
            "membership.removed " + m + " null",
            "membership.added " + m + " null",
            "membership.removed " + m + " null",
            "user.deleted " + u + " 2",
            "group.deleted " + g + " 2");
    assertThat(events)
        .extracting(ChangeEvent::position)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(events.get(0).resource()).isEqualTo(ada);
    assertThat(events.get(1).resource()).isEqualTo(renamed);
    assertThat(events.get(1).time()).isEqualTo(renamed.updatedAt());
    assertThat(events.get(3).resource()).isEqualTo(described);
    assertThat(events.get(4).resource())
        .isEqualTo(new UserTransfer.Member(admins.id().value(), ada.id().value()));
    assertThat(events.get(8).resource()).isNull();
    assertThat(feed.bounds()).isEqualTo(new ChangeFeed.Bounds(0, 10));
    assertThat(feed.after(8, 1)).extracting(ChangeEvent::position).containsExactly(9L);
  }

  @Test
  void aWriteThatFailsLeavesNoEvent() throws Exception {
    User ada = users.insert(User.create(UserName.of("Ada"), Email.of("ada@example.com"), clock));
    assertThatThrownBy(() ->
            users.insert(User.create(UserName.of("Other"), Email.of("ada@example.com"), clock)))
        .isInstanceOf(EmailAlreadyTakenException.class);
    // A stale version changes nothing, and says nothing.
    assertThat(users.update(ada.changeDetails(UserName.of("B"), null, clock)
            .changeDetails(UserName.of("C"), null, clock)))
        .isFalse();
    assertThat(users.delete(ada.id(), 7)).isFalse();
    assertThatThrownBy(() -> groups.add(new GroupId(999), ada.id()))
        .isInstanceOf(GroupNotFoundException.class);
    User bob = users.insert(User.create(UserName.of("Bob"), null, clock));

    List<ChangeEvent> events = settled(2);
    assertThat(events)
        .extracting(ChangeEvent::position, e -> e.type().wireName(), ChangeEvent::resourceId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1L, "user.created", Long.toString(ada.id().value())),
            org.assertj.core.groups.Tuple.tuple(
                2L, "user.created", Long.toString(bob.id().value())));
  }

  @Test
  void retentionPrunesTheOldestAndAReaderBehindItIsTold() throws Exception {
    for (int i = 0; i < 5; i++) {
      users.insert(User.create(UserName.of("U" + i), null, clock));
    }
    settled(5);
    assertThat(feed.prune(Instant.now().minus(Duration.ofHours(1)), 100)).isZero();
    assertThat(feed.prune(Instant.now().plusSeconds(60), 3)).isEqualTo(3);
    assertThat(feed.bounds()).isEqualTo(new ChangeFeed.Bounds(3, 5));
    assertThat(feed.after(0, 10)).extracting(ChangeEvent::position).containsExactly(4L, 5L);

    ChangeFeedService service = new ChangeFeedService(feed);
    assertThatThrownBy(() -> service.after(2, 10))
        .isInstanceOf(FeedPositionGoneException.class)
        .hasMessageContaining("oldest kept is 4");
    assertThat(service.after(3, 10)).hasSize(2);
    assertThatThrownBy(() -> service.after(6, 10))
        .isInstanceOf(FeedPositionGoneException.class)
        .hasMessageContaining("beyond the feed's last, 5");

    // The newest stays, however old, and the positions go on from it: none is handed out twice.
    assertThat(feed.prune(Instant.now().plusSeconds(60), 100)).isEqualTo(1);
    assertThat(feed.bounds()).isEqualTo(new ChangeFeed.Bounds(4, 5));
    assertThat(feed.prune(Instant.now().plusSeconds(60), 100)).isZero();
    users.insert(User.create(UserName.of("After"), null, clock));
    assertThat(settled(2)).extracting(ChangeEvent::position).containsExactly(5L, 6L);
  }

  /**
   * 16 writers make random changes while 4 readers follow the feed, each now and then dropping
   * what it had not yet handled and resuming from an earlier position. Every reader ends with
   * exactly the feed's history, and replaying it rebuilds what the store holds.
   */
  @Test
  void concurrentWritersAndResumingReadersSeeOneHistoryThatRebuildsTheStore() throws Exception {
    int writers = 16;
    int opsEach = 60;
    Set<Long> acknowledgedUsers = ConcurrentHashMap.newKeySet();
    Set<Long> acknowledgedGroups = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicLong target = new java.util.concurrent.atomic.AtomicLong(-1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 4);
    try {
      List<Future<List<ChangeEvent>>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        Random random = new Random(SEED + 100 + r);
        readers.add(pool.submit(() -> follow(random, writing, target)));
      }
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Random random = new Random(SEED + w);
        done.add(pool.submit(() -> {
          for (int i = 0; i < opsEach; i++) {
            randomChange(random, acknowledgedUsers, acknowledgedGroups);
          }
          return null;
        }));
      }
      for (Future<?> writer : done) {
        writer.get(5, TimeUnit.MINUTES);
      }
      writing.set(false);

      long last = awaitStamped();
      target.set(last);
      List<ChangeEvent> history = readAll(0);
      assertThat(history).extracting(ChangeEvent::position).hasSize((int) last);
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).position()).isEqualTo(i + 1L);
      }
      for (Future<List<ChangeEvent>> reader : readers) {
        assertThat(reader.get(2, TimeUnit.MINUTES)).isEqualTo(history);
      }
      assertReplayRebuildsTheStore(history, acknowledgedUsers, acknowledgedGroups);
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  /** The last position, once every committed event has one. */
  private long awaitStamped() throws InterruptedException {
    long last = feed.bounds().last();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Thread.sleep(300);
      long now = feed.bounds().last();
      if (now == last) {
        return last;
      }
      last = now;
    }
    return last;
  }

  /** Reads until the last position the test sets, after the writers are done. */
  private List<ChangeEvent> follow(
      Random random, AtomicBoolean writing, java.util.concurrent.atomic.AtomicLong target)
      throws Exception {
    List<ChangeEvent> seen = new ArrayList<>();
    while (true) {
      long cursor = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).position();
      long end = target.get();
      if (end >= 0 && cursor >= end) {
        return seen;
      }
      List<ChangeEvent> page = feed.after(cursor, 1 + random.nextInt(40));
      seen.addAll(page);
      if (writing.get() && random.nextInt(10) == 0 && !seen.isEmpty()) {
        // A disconnect: what was received but not handled is lost; resume from the last handled.
        int keep = random.nextInt(seen.size() + 1);
        seen.subList(keep, seen.size()).clear();
      }
      if (page.isEmpty()) {
        Thread.sleep(15);
      }
    }
  }

  private void randomChange(Random random, Set<Long> ackUsers, Set<Long> ackGroups) {
    long userId = 1 + random.nextInt(30);
    long groupId = 1 + random.nextInt(8);
    try {
      switch (random.nextInt(8)) {
        case 0, 1 -> {
          String email = random.nextBoolean() ? null : "u" + random.nextInt(40) + "@example.com";
          User made = users.insert(User.create(
              UserName.of("User " + random.nextInt(1000)),
              email == null ? null : Email.of(email),
              clock));
          ackUsers.add(made.id().value());
        }
        case 2 ->
          users
              .findById(new UserId(userId))
              .ifPresent(u -> users.update(
                  u.changeDetails(UserName.of("Renamed " + random.nextInt(1000)), null, clock)));
        case 3 -> {
          if (random.nextBoolean()) {
            users.delete(new UserId(userId));
          } else {
            users.findById(new UserId(userId)).ifPresent(u -> users.delete(u.id(), u.version()));
          }
        }
        case 4 -> {
          Group made =
              groups.insert(Group.create(GroupName.of("Group " + random.nextInt(20)), null, clock));
          ackGroups.add(made.id().value());
        }
        case 5 -> {
          if (random.nextInt(3) == 0) {
            groups.delete(new GroupId(groupId));
          } else {
            groups
                .findById(new GroupId(groupId))
                .ifPresent(g -> groups.update(
                    g.change(g.name(), GroupDescription.of("d" + random.nextInt(100)), clock)));
          }
        }
        default -> {
          if (random.nextInt(3) == 0) {
            groups.remove(new GroupId(groupId), new UserId(userId));
          } else {
            groups.add(new GroupId(groupId), new UserId(userId));
          }
        }
      }
    } catch (RuntimeException refused) {
      // Taken names and emails, missing rows, a busy store, a deadlock chosen as victim: the
      // write did not happen, and its event must not either.
    }
  }

  private void assertReplayRebuildsTheStore(
      List<ChangeEvent> history, Set<Long> ackUsers, Set<Long> ackGroups) {
    Map<Long, User> replayedUsers = new TreeMap<>();
    Map<Long, Group> replayedGroups = new TreeMap<>();
    Set<UserTransfer.Member> replayedMembers = new HashSet<>();
    Set<Long> createdUsers = new HashSet<>();
    Set<Long> createdGroups = new HashSet<>();
    Map<String, Long> versions = new HashMap<>();
    for (ChangeEvent event : history) {
      if (event.version() != null) {
        String key = event.type().wireName().substring(0, 5) + event.resourceId();
        Long before = versions.put(key, event.version());
        if (before != null && !event.type().wireName().endsWith("deleted")) {
          assertThat(event.version()).as("versions of %s rise", key).isGreaterThan(before);
        }
      }
      switch (event.type()) {
        case USER_CREATED, USER_UPDATED -> {
          User user = (User) event.resource();
          replayedUsers.put(user.id().value(), user);
          createdUsers.add(user.id().value());
        }
        case USER_DELETED -> {
          long id = Long.parseLong(event.resourceId());
          assertThat(replayedUsers.remove(id)).as("deleted user %s existed", id).isNotNull();
          assertThat(replayedMembers).noneMatch(m -> m.user() == id);
        }
        case GROUP_CREATED, GROUP_UPDATED -> {
          Group group = (Group) event.resource();
          replayedGroups.put(group.id().value(), group);
          createdGroups.add(group.id().value());
        }
        case GROUP_DELETED -> {
          long id = Long.parseLong(event.resourceId());
          assertThat(replayedGroups.remove(id))
              .as("deleted group %s existed", id)
              .isNotNull();
          assertThat(replayedMembers).noneMatch(m -> m.group() == id);
        }
        case MEMBERSHIP_ADDED -> {
          UserTransfer.Member member = (UserTransfer.Member) event.resource();
          assertThat(replayedUsers).containsKey(member.user());
          assertThat(replayedGroups).containsKey(member.group());
          assertThat(replayedMembers.add(member)).as("added once: %s", member).isTrue();
        }
        case MEMBERSHIP_REMOVED -> {
          String[] ids = event.resourceId().split("/");
          assertThat(replayedMembers.remove(
                  new UserTransfer.Member(Long.parseLong(ids[0]), Long.parseLong(ids[1]))))
              .as("removed while there: %s", event.resourceId())
              .isTrue();
        }
        case IMPORT_COMPLETED -> throw new AssertionError("no import ran");
      }
    }
    assertThat(createdUsers).containsAll(ackUsers);
    assertThat(createdGroups).containsAll(ackGroups);

    Map<Long, User> storedUsers = new TreeMap<>();
    users.list(0, Optional.empty(), 10_000).forEach(u -> storedUsers.put(u.id().value(), u));
    Map<Long, Group> storedGroups = new TreeMap<>();
    Set<UserTransfer.Member> storedMembers = new HashSet<>();
    for (Group group : groups.list(0, 10_000)) {
      storedGroups.put(group.id().value(), group);
      groups
          .members(group.id(), 0, 10_000)
          .forEach(u -> storedMembers.add(
              new UserTransfer.Member(group.id().value(), u.id().value())));
    }
    assertThat(replayedUsers).isEqualTo(storedUsers);
    assertThat(replayedGroups).isEqualTo(storedGroups);
    assertThat(replayedMembers).isEqualTo(storedMembers);
    assertThat(history.size()).isGreaterThan(150);
  }
}
