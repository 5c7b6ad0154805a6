package dev.userbase.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's check, on files: emails given twice are found exactly even when every hash meets
 * (the check keeps hashes, not emails), and lines of every length and ending read as written. And
 * the import as a whole: stored while checked when the store can stage it, and kept only if
 * every line passes.
 */
class UserImportTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00.000Z");

  @TempDir
  Path folder;

  private Path file(String text) throws IOException {
    Path file = folder.resolve("in-" + System.nanoTime() + ".ndjson");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String line(int i, String email) {
    return "{\"name\":\"N" + i + "\",\"email\":\"" + email + "\"}\n";
  }

  @Test
  void emailsGivenTwiceAreFoundExactlyWhenEveryHashMeets() throws IOException {
    StringBuilder text = new StringBuilder();
    List<Long> twice = new ArrayList<>();
    for (int i = 1; i <= 3_000; i++) {
      // Every seventh line repeats the email of the line three before it.
      boolean repeat = i % 7 == 0;
      text.append(line(i, "u" + (repeat ? i - 3 : i) + "@example.com"));
      if (repeat) {
        twice.add((long) i);
      }
    }
    Path input = file(text.toString());
    for (boolean colliding : new boolean[] {false, true}) {
      UserImport.Check check = UserImport.check(
          new FakeTransfer(),
          input,
          UserImport.Format.NDJSON,
          NOW,
          true,
          colliding ? email -> 42L : UserImport::hash,
          null);
      assertThat(check.lines()).isEqualTo(3_000);
      assertThat(check.invalid()).as("colliding=%s", colliding).isEqualTo(twice.size());
      List<Long> found = check.rejected().stream()
          .map(line -> Long.parseLong(line.substring(5, line.indexOf(':'))))
          .sorted()
          .collect(Collectors.toList());
      assertThat(found).isEqualTo(twice);
      assertThat(check.rejected().get(0)).startsWith("line 7: email is given twice in the input");
    }
  }

  @Test
  void theGoodLinesLoadInOrderAndTheBadOnesNamedAreLeftOut() throws IOException {
    Path input = file(line(1, "a@example.com")
        + "\r\n"
        + "{\"name\":\"Bad\",\"email\":\"nope\"}\r\n"
        + line(3, "b@example.com").replace("\n", "\r\n")
        + "{\"name\":\"Ünïcode\",\"email\":null}");
    FakeTransfer store = new FakeTransfer();
    UserImport.Check check = UserImport.check(store, input, UserImport.Format.NDJSON, NOW, false);
    assertThat(check.lines()).isEqualTo(4);
    assertThat(check.firstErrors())
        .extracting(Object::toString)
        .containsExactly("line 3: email must be a valid email address");
    assertThat(UserImport.load(store, input, UserImport.Format.NDJSON, NOW, check, () -> {})
            .users())
        .isEqualTo(3);
    assertThat(store.stored)
        .extracting(user -> user.name().value())
        .containsExactly("N1", "N3", "Ünïcode");
  }

  @Test
  void aLineOverTheLimitIsAnErrorAndTheLinesAfterItStillRead() throws IOException {
    // One just over the limit (read whole, then refused), one three times over (dropped as it
    // is read, never held).
    String over = "{\"name\":\"" + "x".repeat(InputLines.MAX_LINE + 10) + "\"}\n";
    String far = "{\"name\":\"" + "y".repeat(3 * InputLines.MAX_LINE) + "\"}\n";
    Path input = file(line(1, "a@example.com") + over + far + line(4, "d@example.com"));
    FakeTransfer store = new FakeTransfer();
    UserImport.Check check = UserImport.check(store, input, UserImport.Format.NDJSON, NOW, false);
    assertThat(check.lines()).isEqualTo(4);
    String tooLong = " line is longer than " + InputLines.MAX_LINE + " bytes";
    assertThat(check.firstErrors())
        .extracting(Object::toString)
        .containsExactly("line 2:" + tooLong, "line 3:" + tooLong);
    UserImport.load(store, input, UserImport.Format.NDJSON, NOW, check, () -> {});
    assertThat(store.stored)
        .extracting(user -> user.email().orElseThrow().value())
        .containsExactly("a@example.com", "d@example.com");
  }

  @Test
  void invalidUtf8IsNamedByItsLine() throws IOException {
    Path input = folder.resolve("latin1.ndjson");
    Files.write(
        input,
        (line(1, "a@example.com") + "{\"name\":\"caf\u00e9\"}\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    UserImport.Check check =
        UserImport.check(new FakeTransfer(), input, UserImport.Format.NDJSON, NOW, false);
    assertThat(check.firstErrors())
        .extracting(Object::toString)
        .containsExactly("line 2: line is not valid UTF-8");
  }

  private Path users(int count, int badLine) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append(line(i, i == badLine ? "not-an-email" : "u" + i + "@example.com"));
    }
    return file(text.toString());
  }

  private static List<String> names(List<dev.userbase.domain.User> users) {
    return users.stream().map(user -> user.name().value()).toList();
  }

  private static List<String> names(int from, int to, int without) {
    List<String> names = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      if (i != without) {
        names.add("N" + i);
      }
    }
    return names;
  }

  @Test
  void aStoreThatCanStageGetsEveryUserWhileTheLinesAreCheckedAndKeepsThem() throws IOException {
    FakeTransfer store = new FakeTransfer().staging();
    Counted progress = new Counted();
    UserImport.Result result = UserImport.run(
        store, users(5_000, 0), UserImport.Format.NDJSON, NOW, false, false, progress);
    assertThat(result.stored().users()).isEqualTo(5_000);
    assertThat(result.check().invalid()).isZero();
    assertThat(store.committed).isTrue();
    assertThat(store.imported).as("no second reading").isZero();
    assertThat(names(store.stored)).isEqualTo(names(1, 5_000, 0));
    assertThat(progress.stored).isEqualTo(5_000);
    assertThat(progress.expected).as("estimated from the whole file").containsExactly(5_000L);
  }

  @Test
  void oneBadLineAtTheEndUndoesTheStagedUsersAndStoresNone() throws IOException {
    FakeTransfer store = new FakeTransfer().staging();
    UserImport.Result result = UserImport.run(
        store,
        users(5_000, 4_999),
        UserImport.Format.NDJSON,
        NOW,
        false,
        false,
        UserImport.Progress.NONE);
    assertThat(result.stored().rows()).isZero();
    assertThat(result.check().invalid()).isEqualTo(1);
    assertThat(result.check().firstErrors().get(0).line()).isEqualTo(4_999);
    assertThat(store.committed).isFalse();
    assertThat(store.closedStagings).isEqualTo(1);
    assertThat(store.stored).isEmpty();
  }

  @Test
  void withSkipInvalidTheGoodLinesAreStoredInASecondReadingAfterTheStagedOnesAreUndone()
      throws IOException {
    FakeTransfer store = new FakeTransfer().staging();
    Counted progress = new Counted();
    UserImport.Result result = UserImport.run(
        store, users(3_000, 2_500), UserImport.Format.NDJSON, NOW, true, true, progress);
    assertThat(result.stored().users()).isEqualTo(2_999);
    assertThat(result.check().rejected()).singleElement().asString().startsWith("line 2500:");
    assertThat(store.committed).isFalse();
    assertThat(names(store.stored)).isEqualTo(names(1, 3_000, 2_500));
    assertThat(progress.expected).as("counted for the second reading").endsWith(2_999L);
  }

  @Test
  void aUserTheStoreRefusesWhileStagingStopsTheImportWithNothingStored() throws IOException {
    FakeTransfer store = new FakeTransfer().staging();
    store.refuseAt = 3_000;
    Path input = users(5_000, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UserImport.run(
            store, input, UserImport.Format.NDJSON, NOW, false, false, UserImport.Progress.NONE))
        .isInstanceOf(dev.userbase.domain.ImportConflictException.class);
    assertThat(store.committed).isFalse();
    assertThat(store.closedStagings).isEqualTo(1);
    assertThat(store.stored).isEmpty();
  }

  @Test
  void aStoreThatCannotStageIsCheckedFirstThenLoaded() throws IOException {
    FakeTransfer store = new FakeTransfer();
    Counted progress = new Counted();
    UserImport.Result result = UserImport.run(
        store, users(1_000, 0), UserImport.Format.NDJSON, NOW, false, false, progress);
    assertThat(result.stored().users()).isEqualTo(1_000);
    assertThat(store.imported).isEqualTo(1_000);
    assertThat(progress.expected).containsExactly(1_000L);
  }

  @Test
  void theLineEstimateScalesTheFirstMebibyteToTheWholeFile() throws IOException {
    assertThat(UserImport.estimateLines(file(""))).isZero();
    assertThat(UserImport.estimateLines(file("a\nb"))).isEqualTo(2);
    String line = "x".repeat(99) + "\n";
    Path big = file(line.repeat(30_000));
    assertThat(UserImport.estimateLines(big)).isBetween(29_000L, 31_000L);
  }

  private static final class Counted implements UserImport.Progress {
    final List<Long> expected = new ArrayList<>();
    long stored;

    @Override
    public void expect(long users) {
      expected.add(users);
      stored = 0;
    }

    @Override
    public void stored() {
      stored++;
    }
  }
}
