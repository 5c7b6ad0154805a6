package dev.userbase.persistence.sqlite;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Injects a full disk into a running SQLite store, for end-to-end tests: {@code max_page_count}
 * on the writer's connection caps the file at the pages it has, so the next page it needs fails
 * with SQLITE_FULL exactly as a full disk does; lifting the cap is the disk getting room again.
 */
public final class SqliteFaultInjection {

  private SqliteFaultInjection() {}

  /** From now on the file cannot grow: a write that needs a new page gets SQLITE_FULL. */
  public static void fillTheDisk(ApplicationContext context) {
    onWriter(context, "PRAGMA max_page_count = " + pageCount(context));
  }

  /** The file may grow again. */
  public static void freeTheDisk(ApplicationContext context) {
    onWriter(context, "PRAGMA max_page_count = 1073741823");
  }

  /** Stops the writer, as a writer that died would be: every later write is refused. */
  public static void stopTheWriter(ApplicationContext context) {
    context.getBean(GroupCommitWriter.class).close();
  }

  private static int pageCount(ApplicationContext context) {
    TransactionOperations<?> transactions = transactions(context);
    return context.getBean(GroupCommitWriter.class).submit(() -> {
      try (Statement statement = ((Connection) transactions.getConnection()).createStatement();
          ResultSet rs = statement.executeQuery("PRAGMA page_count")) {
        rs.next();
        return rs.getInt(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void onWriter(ApplicationContext context, String sql) {
    TransactionOperations<?> transactions = transactions(context);
    context.getBean(GroupCommitWriter.class).submit(() -> {
      try (Statement statement = ((Connection) transactions.getConnection()).createStatement()) {
        statement.execute(sql);
        return null;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static TransactionOperations<?> transactions(ApplicationContext context) {
    return context.getBean(TransactionOperations.class, Qualifiers.byName("default"));
  }
}
