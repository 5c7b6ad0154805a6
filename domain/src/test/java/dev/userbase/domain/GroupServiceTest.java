package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group use cases, on the in-memory fakes of both ports. */
class GroupServiceTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
  private InMemoryUserRepository userRows;
  private GroupService groups;
  private UserService users;

  @BeforeEach
  void services() {
    userRows = new InMemoryUserRepository();
    groups = new GroupService(new InMemoryGroupRepository(userRows), userRows, clock);
    users = new UserService(userRows, clock);
  }

  @Test
  void aMemberIsAddedOnceAndRemovedOnce() {
    Group admins = groups.create(GroupName.of("Admins"), null);
    User ada = users.create(UserName.of("Ada"), null);

    assertThat(groups.addMember(admins.id(), ada.id())).isTrue();
    assertThat(groups.addMember(admins.id(), ada.id())).as("a member already").isFalse();
    groups.removeMember(admins.id(), ada.id());
    assertThatThrownBy(() -> groups.removeMember(admins.id(), ada.id()))
        .isInstanceOf(MembershipNotFoundException.class);
  }

  @Test
  void aMissingGroupOrUserIsNamedAsSuch() {
    Group admins = groups.create(GroupName.of("Admins"), null);
    User ada = users.create(UserName.of("Ada"), null);
    GroupId noGroup = new GroupId(99);
    UserId noUser = new UserId(99);

    assertThatThrownBy(() -> groups.removeMember(noGroup, ada.id()))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> groups.removeMember(admins.id(), noUser))
        .isInstanceOf(UserNotFoundException.class);
    assertThatThrownBy(() -> groups.members(noGroup, 0, 10))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> groups.groupsOf(noUser, 0, 10))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void pagesSayWhereTheNextStarts() {
    Group admins = groups.create(GroupName.of("Admins"), null);
    User a = users.create(UserName.of("A"), null);
    User b = users.create(UserName.of("B"), null);
    groups.addMember(admins.id(), a.id());
    groups.addMember(admins.id(), b.id());

    Page<User> first = groups.members(admins.id(), 0, 1);
    assertThat(first.items()).containsExactly(a);
    assertThat(first.next()).contains(Long.toString(a.id().value()));
    Page<User> last = groups.members(admins.id(), Long.parseLong(first.next().orElseThrow()), 1);
    assertThat(last.items()).containsExactly(b);
    assertThat(last.next()).isEmpty();

    Page<Group> listed = groups.list(new GroupQuery(Optional.empty(), Optional.of("ADM"), 50));
    assertThat(listed.items()).containsExactly(admins);
  }

  @Test
  void aChangeHoldsToItsPreconditionAndAnEmptyPatchChangesNothing() {
    Group admins = groups.create(GroupName.of("Admins"), GroupDescription.of("All of it"));

    Group renamed =
        groups.update(admins.id(), GroupName.of("Owners"), null, Precondition.version(1));
    assertThat(renamed.version()).isEqualTo(2);
    assertThat(renamed.description()).isEmpty();
    assertThatThrownBy(() -> groups.delete(admins.id(), Precondition.version(1)))
        .isInstanceOf(VersionConflictException.class)
        .hasMessage("group " + admins.id() + " is at version 2, not version 1");
    assertThat(groups.patch(admins.id(), new GroupPatch(null, null), Precondition.none()))
        .isEqualTo(renamed);
    Group described = groups.patch(
        admins.id(),
        new GroupPatch(Optional.empty(), Optional.of(Optional.of(GroupDescription.of("Owners")))),
        Precondition.none());
    assertThat(described.name()).isEqualTo(GroupName.of("Owners"));
    assertThat(described.description()).contains(GroupDescription.of("Owners"));
    groups.delete(admins.id(), Precondition.none());
    assertThatThrownBy(() -> groups.get(admins.id())).isInstanceOf(GroupNotFoundException.class);
  }

  @Test
  void namesAndDescriptionsFollowTheTextRules() {
    assertThat(GroupName.of("  Admins ").value()).isEqualTo("Admins");
    assertThatThrownBy(() -> GroupName.of("x".repeat(101)))
        .hasMessageContaining("must be at most 100 characters");
    assertThatThrownBy(() -> GroupName.of("a\u202Eb")).hasMessageContaining("bidirectional");
    assertThat(GroupDescription.of("d".repeat(1000)).value()).hasSize(1000);
    assertThatThrownBy(() -> GroupDescription.of("d".repeat(1001)))
        .hasMessageContaining("at most 1000 characters");
    assertThatThrownBy(() -> GroupDescription.of("  "))
        .hasMessageContaining("must not be blank; null removes it");
  }
}
