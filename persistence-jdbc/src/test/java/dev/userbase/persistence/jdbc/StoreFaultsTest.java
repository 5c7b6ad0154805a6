package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the core sorts a store's failures, with a store that names constraints in its messages. */
class StoreFaultsTest {

  /** A store whose driver says "constraint NAME" in an integrity violation's message. */
  private static final StoreFaults FAULTS =
      new StoreFaults(
          "TestDB",
          Map.of(
              "users_email",
              StoreFaults.Conflict.EMAIL_TAKEN,
              "users_pk",
              StoreFaults.Conflict.ID_TAKEN)) {
        @Override
        protected String violatedConstraint(Throwable e) {
          SQLIntegrityConstraintViolationException violation =
              find(e, SQLIntegrityConstraintViolationException.class);
          return violation == null ? null : violation.getMessage().replace("constraint ", "");
        }
      };

  private static final User ALICE =
      User.create(UserName.of("Alice"), Email.of("alice@example.com"), Clock.systemUTC());

  private static RuntimeException wrapped(SQLException cause) {
    return new RuntimeException("the framework's wrapper", cause);
  }

  private static SQLException violation(String constraint) {
    return new SQLIntegrityConstraintViolationException("constraint " + constraint, "23000");
  }

  @Test
  void theEmailsConstraintIsTheDomainsEmailTakenWithTheEmailAsked() {
    RuntimeException sorted = FAULTS.writeFailed(wrapped(violation("users_email")), ALICE, true);

    assertThat(sorted)
        .isInstanceOfSatisfying(
            EmailAlreadyTakenException.class,
            e -> assertThat(e.email()).isEqualTo(Email.of("alice@example.com")));
  }

  @Test
  void anUnknownConstraintIsAStoreFaultThatNamesItNeverAnUncaughtError() {
    RuntimeException sorted =
        FAULTS.writeFailed(wrapped(violation("users_name_length")), ALICE, true);

    assertThat(sorted).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
      assertThat(e.code()).isEqualTo("constraint");
      assertThat(e.getMessage()).contains("'users_name_length'").startsWith("TestDB refused");
      assertThat(e.mayHaveWritten()).isFalse();
    });
  }

  @Test
  void theIdsConstraintOnAnOrdinaryWriteIsAStoreFaultNotATakenEmail() {
    RuntimeException sorted = FAULTS.writeFailed(wrapped(violation("users_pk")), ALICE, true);

    assertThat(sorted)
        .isInstanceOf(StoreUnavailableException.class)
        .isNotInstanceOf(EmailAlreadyTakenException.class);
  }

  @Test
  void aLostConnectionAfterTheStatementMayHaveWrittenButNotWithoutAConnection() {
    SQLException lost = new SQLException("connection reset", "08006");
    SQLException noConnection = new SQLTransientConnectionException("pool: timed out");

    assertThat(FAULTS.writeFailed(wrapped(lost), ALICE, true))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
          assertThat(e.mayHaveWritten()).isTrue();
          assertThat(e.code()).isEqualTo("connection");
        });
    assertThat(FAULTS.writeFailed(wrapped(lost), ALICE, false))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.mayHaveWritten()).isFalse());
    assertThat(FAULTS.writeFailed(wrapped(noConnection), ALICE, true))
        .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
          assertThat(e.mayHaveWritten()).isFalse();
          assertThat(e.code()).isEqualTo("pool-timeout");
        });
  }

  @Test
  void aStoresOwnAnswersAndFailuresOfNoDatabasePassThrough() {
    StoreUnavailableException writer =
        new StoreUnavailableException("SQLITE_FULL", "full", violation("users_email"), false);
    StoreBusyException busy = new StoreBusyException("queue full");
    IllegalArgumentException bug = new IllegalArgumentException("not a database's");

    assertThat(FAULTS.writeFailed(writer, ALICE, true)).isSameAs(writer);
    assertThat(FAULTS.writeFailed(busy, ALICE, true)).isSameAs(busy);
    assertThat(FAULTS.writeFailed(bug, ALICE, true)).isSameAs(bug);
    assertThat(FAULTS.readFailed(bug)).isSameAs(bug);
  }

  @Test
  void aBatchsChainedViolationIsAnImportConflictInTheStoresOwnWords() {
    BatchUpdateException batch = new BatchUpdateException("batch failed", "23000", new int[0]);
    batch.setNextException(violation("users_pk"));
    BatchUpdateException members = new BatchUpdateException("batch failed", "23000", new int[0]);
    members.setNextException(violation("memberships_user_fkey"));

    assertThat(FAULTS.transferFailed(batch, "import failed"))
        .isInstanceOf(ImportConflictException.class)
        .hasMessageStartingWith("TestDB refused a row the import had checked")
        .hasMessageContaining("on constraint 'users_pk'");
    assertThat(FAULTS.transferFailed(members, "import failed"))
        .isInstanceOf(ImportConflictException.class)
        .hasMessageContaining("on constraint 'memberships_user_fkey'");
    assertThat(FAULTS.transferFailed(new SQLException("disk I/O error", "58030"), "import failed"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("import failed");
  }

  @Test
  void theDescriptionNamesTheDeepestSqlStateAndWhatLayUnderIt() {
    SQLException refused = new SQLException(
        "Connection to 127.0.0.1:1 refused", "08001", new java.net.ConnectException("refused"));

    assertThat(FAULTS.describe(wrapped(refused)))
        .isEqualTo("[08001] Connection to 127.0.0.1:1 refused (ConnectException: refused)");
  }
}
