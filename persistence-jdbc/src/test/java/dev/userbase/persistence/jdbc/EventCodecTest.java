package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the outbox writes is read back as it was, whatever the text holds. */
class EventCodecTest {

  private static final Instant CREATED = Instant.ofEpochMilli(1_700_000_000_123L);
  private static final Instant UPDATED = Instant.ofEpochMilli(1_700_000_500_456L);

  /** Text with what JSON must escape (quotes, backslashes, controls) and what it must not. */
  private static String awkward(Random random) {
    String[] pieces = {
      "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f", "\u007f", "é", "名前", "😀", "\u2028", "a b"
    };
    StringBuilder text = new StringBuilder("x");
    for (int i = random.nextInt(12); i >= 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  @Test
  void aUserWithAnyTextInItsFieldsIsReadBackEqual() {
    Random random = new Random(27);
    for (int i = 0; i < 500; i++) {
      User user = User.restore(
          new UserId(i + 1),
          UserName.restore(awkward(random)),
          i % 3 == 0 ? null : Email.restore(awkward(random) + "@example.com"),
          CREATED,
          UPDATED,
          i + 1);

      ChangeEvent read = EventCodec.event(
          9, "user.updated", 5, Long.toString(i + 1), (long) i + 1, EventCodec.user(user));

      assertThat(read.resource()).isEqualTo(user);
    }
  }

  @Test
  void aGroupWithOrWithoutADescriptionIsReadBackEqual() {
    Random random = new Random(28);
    for (int i = 0; i < 200; i++) {
      Group group = Group.restore(
          new GroupId(i + 1),
          GroupName.restore(awkward(random)),
          i % 2 == 0 ? null : GroupDescription.restore(awkward(random)),
          CREATED,
          UPDATED,
          3);

      ChangeEvent read = EventCodec.event(
          9, "group.created", 5, Long.toString(i + 1), 3L, EventCodec.group(group));

      assertThat(read.resource()).isEqualTo(group);
    }
  }

  @Test
  void theStoredFormIsOneFlatObjectOfItsFieldsInOrder() {
    User user = User.restore(
        new UserId(7), UserName.restore("Ann \"A\" \\ O'Neil"), null, CREATED, UPDATED, 2);

    assertThat(EventCodec.user(user))
        .isEqualTo("{\"name\":\"Ann \\\"A\\\" \\\\ O'Neil\",\"email\":null,"
            + "\"createdAt\":1700000000123,\"updatedAt\":1700000500456}");
    assertThat(EventCodec.counts(new UserTransfer.Counts(3, 2, 1)))
        .isEqualTo("{\"users\":3,\"groups\":2,\"memberships\":1}");
  }
}
