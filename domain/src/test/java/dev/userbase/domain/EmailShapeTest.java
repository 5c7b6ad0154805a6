package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written shape check accepts exactly what the regular expression it replaced accepted,
 * on seeded random addresses built near every boundary (64-character local parts, 63-character
 * labels, hyphens at label ends, missing and doubled {@code @} and dots).
 */
class EmailShapeTest {

  private static final Pattern REPLACED = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
      + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private static final String LOCAL = "ab09.!#$%&'*+/=?^_`{|}~-A @é";
  private static final String LABEL = "az09-";
  private static final String ODD = "A_ @é.";

  @Test
  void agreesWithTheRegularExpressionItReplaced() {
    Random random = new Random(20261129L);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      String address = address(random);
      boolean expected = REPLACED.matcher(address).matches();
      assertThat(Email.plausible(address)).as("%s", address).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    // Both answers were exercised, often.
    assertThat(accepted).isBetween(2_000, 198_000);
  }

  private static String address(Random random) {
    StringBuilder text = new StringBuilder();
    int local = boundary(random, 64);
    for (int i = 0; i < local; i++) {
      text.append(pick(random, random.nextInt(8) == 0 ? LOCAL : "abz09.-"));
    }
    int ats = random.nextInt(10) == 0 ? random.nextInt(3) : 1;
    text.append("@".repeat(ats));
    int labels = random.nextInt(4) + (random.nextInt(6) == 0 ? 0 : 1);
    for (int l = 0; l < labels; l++) {
      if (l > 0) {
        text.append(random.nextInt(20) == 0 ? ".." : ".");
      }
      int length = boundary(random, 63);
      for (int i = 0; i < length; i++) {
        boolean edge = i == 0 || i == length - 1;
        String from = random.nextInt(40) == 0 ? ODD : LABEL;
        char c = pick(random, from);
        text.append(edge && c == '-' && random.nextBoolean() ? 'a' : c);
      }
    }
    return text.toString();
  }

  /** A length near 0, near the limit, or in between. */
  private static int boundary(Random random, int limit) {
    return switch (random.nextInt(3)) {
      case 0 -> random.nextInt(3);
      case 1 -> limit - 1 + random.nextInt(3);
      default -> random.nextInt(limit + 2);
    };
  }

  private static char pick(Random random, String from) {
    return from.charAt(random.nextInt(from.length()));
  }
}
