package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.exceptions.DataAccessException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

  private static RuntimeException failure(String state) {
    return new DataAccessException(
        "write failed", new SQLTransactionRollbackException("the server said no", state, 1213));
  }

  @Test
  void aTransactionTheServerRolledBackForADeadlockRunsAgain() {
    AtomicInteger runs = new AtomicInteger();

    String result = ConflictRetry.run(() -> {
      if (runs.incrementAndGet() < 3) {
        throw failure(runs.get() == 1 ? "40001" : "40P01");
      }
      return "committed";
    });

    assertThat(result).isEqualTo("committed");
    assertThat(runs).hasValue(3);
  }

  @Test
  void aConflictThatKeepsComingIsThrownAfterTheLastAttempt() {
    AtomicInteger runs = new AtomicInteger();
    RuntimeException last = failure("40001");

    assertThatThrownBy(() -> ConflictRetry.run(() -> {
          runs.incrementAndGet();
          throw last;
        }))
        .isSameAs(last);
    assertThat(runs).hasValue(ConflictRetry.ATTEMPTS);
  }

  @Test
  void anyOtherFailureIsThrownAtOnce() {
    AtomicInteger runs = new AtomicInteger();
    RuntimeException taken =
        new DataAccessException("write failed", new SQLException("duplicate key", "23505"));

    assertThatThrownBy(() -> ConflictRetry.run(() -> {
          runs.incrementAndGet();
          throw taken;
        }))
        .isSameAs(taken);
    assertThat(runs).hasValue(1);
  }
}
