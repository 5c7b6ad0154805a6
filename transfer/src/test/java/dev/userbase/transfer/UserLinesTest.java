package dev.userbase.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The export's own time writer gives exactly what the formatter the API shares gives. */
class UserLinesTest {

  @Test
  void timesAreWrittenAsTheSharedFormatterWritesThem() {
    Random random = new Random(20261129L);
    char[] scratch = new char[24];
    long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 200_000; i++) {
      long millis = i < 4
          ? new long[] {first, last, 0, -1}[i]
          : first + (long) (random.nextDouble() * (last - first));
      assertThat(UserLines.utcMillis(millis, scratch)).isTrue();
      assertThat(new String(scratch))
          .as("%d", millis)
          .isEqualTo(UserTimes.UTC_MILLIS.format(Instant.ofEpochMilli(millis)));
    }
    assertThat(UserLines.utcMillis(first - 1, scratch)).isFalse();
    assertThat(UserLines.utcMillis(last + 1, scratch)).isFalse();
  }
}
