package dev.userbase.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The export's two threads: every line in order, and a failed output stops the store's read. */
class UserExportTest {

  /** A store of {@code count} users, counting how many it handed out. */
  private static final class Counting extends FakeTransfer {
    final int count;
    int handed;

    Counting(int count) {
      this.count = count;
    }

    @Override
    public Counts exportAll(Sink sink) {
      Instant at = Instant.parse("2026-11-29T10:00:00.123Z");
      for (int i = 1; i <= count; i++) {
        sink.user(User.restore(
            new UserId(i), UserName.restore("N" + i), Email.restore("e" + i + "@x.io"), at, at, 1));
        handed++;
      }
      return new Counts(count, 0, 0);
    }
  }

  @Test
  void everyUserIsOneLineInOrder() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] steps = {0};
    assertThat(UserExport.write(new Counting(5_000), out, () -> steps[0]++).users())
        .isEqualTo(5_000);
    String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(5_000);
    assertThat(steps[0]).isEqualTo(5_000);
    for (int i = 0; i < lines.length; i++) {
      assertThat(lines[i]).startsWith("{\"id\":" + (i + 1) + ",\"name\":\"N" + (i + 1) + "\"");
    }
  }

  @Test
  void aFailedOutputStopsTheExportWithItsError() {
    Counting store = new Counting(2_000_000);
    OutputStream broken = new OutputStream() {
      private long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (written > 100_000) {
          throw new IOException("Broken pipe");
        }
      }
    };
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> assertThatThrownBy(() -> UserExport.write(store, broken, () -> {}))
            .isInstanceOf(IOException.class)
            .hasMessage("Broken pipe"));
    // It stopped reading soon after: well short of the store's two million.
    assertThat(store.handed).isLessThan(1_000_000);
  }
}
