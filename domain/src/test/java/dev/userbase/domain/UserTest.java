package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UserTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00.123999Z"), ZoneOffset.UTC);

  @Test
  void createdUserHasNoIdVersionOneAndMillisecondTimes() {
    User user = User.create(UserName.of("Alice"), null, CLOCK);

    assertThat(user.id()).isNull();
    assertThat(user.version()).isEqualTo(1);
    assertThat(user.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123Z"));
    assertThat(user.updatedAt()).isEqualTo(user.createdAt());
    assertThat(user.email()).isEmpty();
  }

  @Test
  void changingDetailsBumpsTheVersionAndTheUpdateTimeOnly() {
    User user = User.create(UserName.of("Alice"), null, CLOCK).withId(new UserId(3));
    Clock later = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    User changed = user.changeDetails(UserName.of("Bob"), Email.of("bob@example.com"), later);

    assertThat(changed.id()).isEqualTo(new UserId(3));
    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.createdAt()).isEqualTo(user.createdAt());
    assertThat(changed.updatedAt()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    assertThat(changed.name().value()).isEqualTo("Bob");
    assertThat(user.name().value()).isEqualTo("Alice");
  }

  @Test
  void aClockThatStepsBackNeverPutsTheUpdateBeforeTheCreation() {
    User user = User.create(UserName.of("Alice"), null, CLOCK).withId(new UserId(1));
    Clock earlier = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);

    assertThat(user.changeDetails(UserName.of("B"), null, earlier).updatedAt())
        .isEqualTo(user.createdAt());
  }

  @Test
  void anIdIsAssignedOnlyOnce() {
    User user = User.create(UserName.of("Alice"), null, CLOCK).withId(new UserId(1));

    assertThatThrownBy(() -> user.withId(new UserId(2))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void restoredUsersNeedAnIdAndAPositiveVersion() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> User.restore(null, UserName.of("A"), null, t, t, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> User.restore(new UserId(1), UserName.of("A"), null, t, t, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
