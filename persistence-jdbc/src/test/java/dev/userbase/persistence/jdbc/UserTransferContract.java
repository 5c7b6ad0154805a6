package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's bulk transfer must do, on a real, empty store: export every user, group and
 * membership as stored, in key order; tell taken ids, emails, group names and memberships; import
 * them as they are, ids, versions and times kept, with new users and groups getting ids above
 * them; and stop an import that a constraint refuses as a conflict, with nothing of it stored.
 * Each store's test extends it.
 */
public abstract class UserTransferContract {

  // Odd milliseconds, and an hour that clocks set back in autumn repeat in many zones.
  private static final Instant CREATED = Instant.parse("2026-11-01T05:30:00.123Z");
  private static final Instant UPDATED = Instant.parse("2026-11-29T10:00:00.987Z");

  private ApplicationContext context;
  protected UserRepository users;
  private GroupRepository groups;
  private UserTransfers transfers;

  /** The settings of an app context on a new, empty store. */
  protected abstract Map<String, Object> newStore() throws Exception;

  /** Releases what {@link #newStore} made, after the context closed. */
  protected void dropStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    context = ApplicationContext.run(newStore());
    users = context.getBean(UserRepository.class);
    groups = context.getBean(GroupRepository.class);
    transfers = context.getBean(UserTransfers.class);
  }

  @AfterEach
  void close() throws Exception {
    context.close();
    dropStore();
  }

  private static User restored(long id, String name, String email, long version) {
    return User.restore(
        new UserId(id),
        UserName.restore(name),
        email == null ? null : Email.restore(email),
        CREATED,
        UPDATED,
        version);
  }

  private static Group group(long id, String name, String description) {
    return Group.restore(
        new GroupId(id),
        GroupName.restore(name),
        description == null ? null : GroupDescription.restore(description),
        CREATED,
        UPDATED,
        4);
  }

  private static Iterator<UserTransfer.Batch> batches(List<User> users) {
    return List.of(UserTransfer.Batch.of(users)).iterator();
  }

  /** Everything an export hands over, in its order. */
  private static final class Exported implements UserTransfer.Sink {
    final List<User> users = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    final List<UserTransfer.Member> members = new ArrayList<>();

    @Override
    public void user(User user) {
      users.add(user);
    }

    @Override
    public void group(Group group) {
      groups.add(group);
    }

    @Override
    public void member(UserTransfer.Member member) {
      members.add(member);
    }
  }

  private Exported exportedAll() {
    Exported out = new Exported();
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.exportAll(out))
          .isEqualTo(
              new UserTransfer.Counts(out.users.size(), out.groups.size(), out.members.size()));
    }
    return out;
  }

  private List<User> exported() {
    return exportedAll().users;
  }

  @Test
  void importKeepsIdsVersionsAndTimesAndExportGivesThemBackInIdOrder() {
    List<User> given = List.of(
        restored(40, "Zoë 🙂 ", "z@example.com", 7),
        restored(3, "Ann", null, 1),
        restored(12, "Bob", "bob@example.com", 2));
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.importAll(batches(given)).users()).isEqualTo(3);
    }

    assertThat(exported())
        .containsExactly(given.get(1), given.get(2), given.get(0))
        .allSatisfy(user -> assertThat(user.createdAt()).isEqualTo(CREATED));
    assertThat(users.findById(new UserId(40))).contains(given.get(0));
  }

  @Test
  void aNewUserAfterAnImportGetsAnIdAboveEveryImportedOne() {
    try (UserTransfer transfer = transfers.open()) {
      transfer.importAll(batches(List.of(restored(1_000, "Imported", null, 1))));
    }

    User created = users.insert(User.create(UserName.of("New"), null, Clock.systemUTC()));

    assertThat(created.id().value()).isGreaterThan(1_000);
  }

  @Test
  void importGivesUsersWithoutAnIdTheStoresNext() {
    User existing = users.insert(User.create(UserName.of("First"), null, Clock.systemUTC()));
    User noId = User.create(UserName.of("No id"), null, Clock.systemUTC());
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.importAll(batches(List.of(noId))).users()).isEqualTo(1);
    }

    assertThat(exported())
        .extracting(u -> u.name().value(), u -> u.id().value() > existing.id().value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("First", false),
            org.assertj.core.groups.Tuple.tuple("No id", true));
  }

  @Test
  void theChecksTellWhichIdsAndEmailsAreTaken() {
    User stored = users.insert(
        User.create(UserName.of("Stored"), Email.of("taken@example.com"), Clock.systemUTC()));
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.existingIds(List.of(stored.id().value(), 999_999L)))
          .isEqualTo(Set.of(stored.id().value()));
      assertThat(transfer.existingEmails(List.of("taken@example.com", "free@example.com")))
          .isEqualTo(Set.of("taken@example.com"));
      // Exactly as stored: another case, or a trailing space, is another email.
      assertThat(transfer.existingEmails(List.of("Taken@example.com", "taken@example.com ")))
          .isEmpty();
    }
  }

  @Test
  void aTakenEmailOrIdStopsTheImportAsAConflictAndStoresNothingOfIt() {
    User stored = users.insert(
        User.create(UserName.of("Stored"), Email.of("taken@example.com"), Clock.systemUTC()));
    try (UserTransfer transfer = transfers.open()) {
      assertThatThrownBy(() -> transfer.importAll(batches(List.of(
              restored(500, "Fine", "fine@example.com", 1),
              restored(501, "Clash", "taken@example.com", 1)))))
          .isInstanceOf(ImportConflictException.class)
          .hasMessageContaining("another writer changed the store meanwhile");
      assertThatThrownBy(() -> transfer.importAll(
              batches(List.of(restored(stored.id().value(), "Clash", "new@example.com", 1)))))
          .isInstanceOf(ImportConflictException.class);
    }

    assertThat(users.list(0, Optional.empty(), 10))
        .extracting(u -> u.name().value())
        .containsExactly("Stored");
  }

  @Test
  void groupsAndMembershipsImportAsGivenAndExportAfterTheUsersInKeyOrder() {
    List<User> people = List.of(restored(3, "Ann", null, 1), restored(12, "Bob", null, 2));
    List<Group> given = List.of(group(7, "Admins", "Run the place"), group(2, "ops", null));
    List<UserTransfer.Member> members = List.of(
        new UserTransfer.Member(7, 12),
        new UserTransfer.Member(2, 3),
        new UserTransfer.Member(7, 3));
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.importAll(
              List.of(new UserTransfer.Batch(people, given, members)).iterator()))
          .isEqualTo(new UserTransfer.Counts(2, 2, 3));
    }

    Exported out = exportedAll();
    assertThat(out.users).containsExactlyElementsOf(people);
    assertThat(out.groups).containsExactly(given.get(1), given.get(0));
    assertThat(out.members)
        .containsExactly(
            new UserTransfer.Member(2, 3),
            new UserTransfer.Member(7, 3),
            new UserTransfer.Member(7, 12));
    assertThat(groups.findById(new GroupId(7))).contains(given.get(0));
    Group created = groups.insert(Group.create(GroupName.of("New"), null, Clock.systemUTC()));
    assertThat(created.id().value()).as("above every imported group").isGreaterThan(7);
  }

  @Test
  void aBatchOfThousandsKeepsEachMembershipAfterItsUserAndGroup() {
    List<User> people = new ArrayList<>();
    List<UserTransfer.Member> members = new ArrayList<>();
    for (long id = 1; id <= 2_500; id++) {
      people.add(restored(id, "U" + id, null, 1));
      members.add(new UserTransfer.Member(1, id));
    }
    try (UserTransfer transfer = transfers.open()) {
      transfer.importAll(
          List.of(new UserTransfer.Batch(people, List.of(group(1, "Everyone", null)), members))
              .iterator());
    }

    assertThat(exportedAll().members).hasSize(2_500).containsExactlyElementsOf(members);
  }

  @Test
  void theChecksTellWhichGroupIdsNamesAndMembershipsAreTaken() {
    User ann = users.insert(User.create(UserName.of("Ann"), null, Clock.systemUTC()));
    Group admins = groups.insert(Group.create(GroupName.of("Admins"), null, Clock.systemUTC()));
    groups.add(admins.id(), ann.id());
    long group = admins.id().value();
    long user = ann.id().value();
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.existingGroupIds(List.of(group, 999_999L))).isEqualTo(Set.of(group));
      assertThat(transfer.existingGroupNames(
              List.of(GroupName.of("ADMINS").searchKey(), GroupName.of("Ops").searchKey())))
          .isEqualTo(Set.of(GroupName.of("admins").searchKey()));
      assertThat(transfer.existingMembers(List.of(
              new UserTransfer.Member(group, user),
              new UserTransfer.Member(group, user + 1),
              new UserTransfer.Member(group + 1, user))))
          .isEqualTo(Set.of(new UserTransfer.Member(group, user)));
    }
  }

  @Test
  void aMembershipOfAMissingUserStopsTheImportAsAConflictAndStoresNothingOfIt() {
    try (UserTransfer transfer = transfers.open()) {
      assertThatThrownBy(() -> transfer.importAll(List.of(new UserTransfer.Batch(
                  List.of(restored(1, "Ann", null, 1)),
                  List.of(group(5, "Team", null)),
                  List.of(new UserTransfer.Member(5, 1), new UserTransfer.Member(5, 2))))
              .iterator()))
          .isInstanceOf(ImportConflictException.class);
    }

    Exported out = exportedAll();
    assertThat(out.users).isEmpty();
    assertThat(out.groups).isEmpty();
    assertThat(out.members).isEmpty();
  }

  @Test
  void exportOfAnEmptyStoreGivesNothing() {
    assertThat(exported()).isEmpty();
  }
}
