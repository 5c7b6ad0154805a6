package dev.userbase.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups and memberships in the export's lines and through the import's check: written after the
 * users, read back as written, and every rule a group or membership line can break named by its
 * line.
 */
class GroupTransferTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00.000Z");
  private static final Instant THEN = Instant.parse("2026-11-29T10:00:00.123Z");

  @TempDir
  Path folder;

  private Path file(String... lines) throws IOException {
    Path file = folder.resolve("in-" + System.nanoTime() + ".ndjson");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static User user(long id) {
    return User.restore(
        new UserId(id),
        UserName.restore("U" + id),
        Email.restore("u" + id + "@x.io"),
        THEN,
        THEN,
        1);
  }

  private static Group group(long id, String name, String description) {
    return Group.restore(
        new GroupId(id),
        GroupName.restore(name),
        description == null ? null : GroupDescription.restore(description),
        THEN,
        THEN.plusSeconds(60),
        3);
  }

  private static String export(FakeTransfer store) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UserExport.write(store, out, () -> {});
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> errors(UserImport.Check check) {
    return check.firstErrors().stream().map(Object::toString).toList();
  }

  @Test
  void groupsAndMembershipsFollowTheUsersAndComeBackByteForByte() throws IOException {
    FakeTransfer source = new FakeTransfer();
    source.stored.addAll(List.of(user(1), user(2), user(5)));
    source.groups.addAll(List.of(group(3, "Admins", "Run \"things\""), group(9, "Ops", null)));
    source.members.addAll(List.of(
        new UserTransfer.Member(3, 1),
        new UserTransfer.Member(3, 5),
        new UserTransfer.Member(9, 2)));

    String exported = export(source);
    assertThat(exported.split("\n"))
        .containsExactly(
            "{\"id\":1,\"name\":\"U1\",\"email\":\"u1@x.io\",\"createdAt\":\"2026-11-29T10:00:00.123Z\","
                + "\"updatedAt\":\"2026-11-29T10:00:00.123Z\",\"version\":1}",
            "{\"id\":2,\"name\":\"U2\",\"email\":\"u2@x.io\",\"createdAt\":\"2026-11-29T10:00:00.123Z\","
                + "\"updatedAt\":\"2026-11-29T10:00:00.123Z\",\"version\":1}",
            "{\"id\":5,\"name\":\"U5\",\"email\":\"u5@x.io\",\"createdAt\":\"2026-11-29T10:00:00.123Z\","
                + "\"updatedAt\":\"2026-11-29T10:00:00.123Z\",\"version\":1}",
            "{\"group\":{\"id\":3,\"name\":\"Admins\",\"description\":\"Run \\\"things\\\"\","
                + "\"createdAt\":\"2026-11-29T10:00:00.123Z\",\"updatedAt\":\"2026-11-29T10:01:00.123Z\","
                + "\"version\":3}}",
            "{\"group\":{\"id\":9,\"name\":\"Ops\",\"description\":null,"
                + "\"createdAt\":\"2026-11-29T10:00:00.123Z\",\"updatedAt\":\"2026-11-29T10:01:00.123Z\","
                + "\"version\":3}}",
            "{\"membership\":{\"groupId\":3,\"userId\":1}}",
            "{\"membership\":{\"groupId\":3,\"userId\":5}}",
            "{\"membership\":{\"groupId\":9,\"userId\":2}}");

    for (boolean stages : new boolean[] {false, true}) {
      FakeTransfer target = stages ? new FakeTransfer().staging() : new FakeTransfer();
      Path input = folder.resolve("export-" + stages + ".ndjson");
      Files.writeString(input, exported, StandardCharsets.UTF_8);
      UserImport.Result result = UserImport.run(
          target, input, UserImport.Format.NDJSON, NOW, false, false, UserImport.Progress.NONE);
      assertThat(errors(result.check())).isEmpty();
      assertThat(result.stored()).isEqualTo(new UserTransfer.Counts(3, 2, 3));
      assertThat(export(target)).as("staged=%s", stages).isEqualTo(exported);
    }
  }

  @Test
  void everyRuleAGroupOrMembershipLineBreaksIsNamedByItsLine() throws IOException {
    FakeTransfer store = new FakeTransfer();
    store.stored.add(user(100));
    store.groups.add(group(200, "Stored", null));
    store.groups.add(group(201, "Stored too", null));
    store.members.add(new UserTransfer.Member(200, 100));
    Path input = file(
        "{\"id\":1,\"name\":\"A\"}",
        "{\"group\":{\"id\":10,\"name\":\"Admins\"}}",
        "{\"group\":{\"id\":10,\"name\":\"Other\"}}",
        "{\"group\":{\"id\":11,\"name\":\"ADMINS\"}}",
        "{\"group\":{\"id\":201,\"name\":\"Fresh\"}}",
        "{\"group\":{\"id\":12,\"name\":\"stored\"}}",
        "{\"group\":{\"name\":\"No id\"}}",
        "{\"group\":{\"id\":13,\"name\":\"  \"}}",
        "{\"group\":{\"id\":14,\"name\":\"D\",\"description\":\"\"}}",
        "{\"group\":{\"id\":15,\"name\":\"E\",\"colour\":\"red\"}}",
        "{\"group\":{\"id\":16,\"name\":\"F\"},\"id\":1}",
        "{\"id\":2,\"name\":\"B\",\"group\":{\"id\":17}}",
        "{\"membership\":{\"groupId\":10,\"userId\":1}}",
        "{\"membership\":{\"groupId\":10,\"userId\":1}}",
        "{\"membership\":{\"groupId\":10,\"userId\":3}}",
        "{\"membership\":{\"groupId\":99,\"userId\":1}}",
        "{\"membership\":{\"groupId\":200,\"userId\":100}}",
        "{\"membership\":{\"groupId\":200,\"userId\":1}}",
        "{\"membership\":{\"groupId\":10}}",
        "{\"membership\":{\"groupId\":10,\"userId\":0}}",
        "{\"membership\":{\"groupId\":10,\"userId\":4}}",
        "{\"id\":4,\"name\":\"Late\"}");
    UserImport.Check check = UserImport.check(store, input, UserImport.Format.NDJSON, NOW, false);

    assertThat(errors(check))
        .containsExactly(
            "line 3: group.id is given twice in the input",
            "line 4: group.name is given twice in the input, ignoring case (line 2)",
            "line 5: group.id exists already in the store",
            "line 6: group.name exists already in the store, ignoring case",
            "line 7: group.id is required: memberships name a group by its id",
            "line 8: group.name must not be blank",
            "line 9: group.description must not be blank; null removes it",
            "line 10: group.colour is not a known field",
            "line 11: line has a field beside group, which must be alone",
            "line 12: group is not a known field beside others: a group line has only the field group",
            "line 14: membership is given twice in the input",
            "line 15: membership.userId names no user that is stored or on a line before it",
            "line 16: membership.groupId names no group that is stored or on a line before it",
            "line 17: membership exists already in the store",
            "line 19: membership.userId is required",
            "line 20: membership.userId must be a positive 64-bit integer",
            "line 21: membership.userId names no user that is stored or on a line before it");
    assertThat(check.invalid()).isEqualTo(17);
    assertThat(check.lines()).isEqualTo(22);
  }

  @Test
  void withSkipInvalidAMembershipOfARejectedGroupOrUserIsRejectedToo() throws IOException {
    FakeTransfer store = new FakeTransfer().staging();
    store.stored.add(user(7));
    Path input = file(
        "{\"id\":1,\"name\":\"A\"}",
        "{\"id\":7,\"name\":\"Taken id\"}",
        "{\"group\":{\"id\":10,\"name\":\"Good\"}}",
        "{\"group\":{\"id\":11,\"name\":\"" + "x".repeat(101) + "\"}}",
        "{\"membership\":{\"groupId\":10,\"userId\":1}}",
        "{\"membership\":{\"groupId\":11,\"userId\":1}}",
        "{\"membership\":{\"groupId\":10,\"userId\":7}}");
    UserImport.Result result = UserImport.run(
        store, input, UserImport.Format.NDJSON, NOW, true, true, UserImport.Progress.NONE);

    assertThat(result.check().rejected())
        .extracting(line -> line.substring(0, line.indexOf('\t')))
        .containsExactlyInAnyOrder(
            "line 2: id exists already in the store",
            "line 4: group.name must be at most 100 characters",
            // Its group's line could not be read at all: there is no group 11.
            "line 6: membership.groupId names no group that is stored or on a line before it",
            // Its user's line is rejected: user 7 in the store is someone else.
            "line 7: membership.userId names user 7, whose line is rejected");
    assertThat(result.stored()).isEqualTo(new UserTransfer.Counts(1, 1, 1));
    assertThat(store.members).containsExactly(new UserTransfer.Member(10, 1));
  }
}
