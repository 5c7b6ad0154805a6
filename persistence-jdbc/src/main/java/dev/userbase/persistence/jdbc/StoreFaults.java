package dev.userbase.persistence.jdbc;

import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sorts what a store (or the pool in front of it) throws. A constraint in the store's table of
 * constraints is a domain failure (an email taken, an id taken); any other database failure,
 * an unknown constraint included, is the store's, and the client gets 503. A store names its
 * constraints and says how its driver reports them; the cause-chain walk is here, once.
 */
public abstract class StoreFaults {

  /** What a constraint of the store's table stands for. */
  public enum Conflict {
    EMAIL_TAKEN,
    ID_TAKEN,
    GROUP_NAME_TAKEN
  }

  private final String product;
  private final Map<String, Conflict> constraints;

  /**
   * @param product the store's name in messages, such as {@code PostgreSQL}
   * @param constraints the store's table: each constraint's name, as its driver reports it, to
   *     what it means
   */
  protected StoreFaults(String product, Map<String, Conflict> constraints) {
    this.product = product;
    this.constraints = Map.copyOf(constraints);
  }

  /**
   * The constraint that refused the statement, as the store names it: empty when the store did
   * not say which, null when no constraint refused it.
   */
  protected abstract String violatedConstraint(Throwable e);

  public String product() {
    return product;
  }

  /** The failure's chain: each cause, and each JDBC error a batch chained to another. */
  public static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
      if (t instanceof SQLException sql) {
        for (SQLException next = sql.getNextException();
            next != null && !chain.contains(next);
            next = next.getNextException()) {
          chain.add(next);
        }
      }
    }
    return chain;
  }

  /** The first error of the chain that is an {@code type}, or null. */
  public static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t : chain(e)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Whether the failure is the database's: a JDBC error anywhere in the chain. */
  public static boolean isDatabaseFailure(Throwable e) {
    return find(e, SQLException.class) != null;
  }

  /** Whether no connection was had from the pool: the statement never reached the store. */
  public static boolean isNoConnection(Throwable e) {
    return find(e, SQLTransientConnectionException.class) != null;
  }

  /** Whether a constraint of the store refused the statement, whichever it was. */
  public boolean isConstraint(Throwable e) {
    return violatedConstraint(e) != null;
  }

  /** What the store's constraint table says of this failure; null when it is no known conflict. */
  public Conflict conflict(Throwable e) {
    String constraint = violatedConstraint(e);
    return constraint == null ? null : constraints.get(constraint);
  }

  /**
   * What a failed write means. A taken email is the domain's failure (with the email the user
   * asked for); every other constraint is a store fault that names it, since validation should
   * have kept the request from reaching it; any other database failure is a 503, which says
   * whether the write may have been stored.
   *
   * @param user the user written, or null for a delete
   * @param statementDone whether the statement had run when the failure came (only a failure at
   *     COMMIT after it can have stored the write)
   */
  public RuntimeException writeFailed(RuntimeException e, User user, boolean statementDone) {
    if (e instanceof StoreUnavailableException || e instanceof StoreBusyException) {
      return e;
    }
    String constraint = violatedConstraint(e);
    if (constraint != null) {
      if (constraints.get(constraint) == Conflict.EMAIL_TAKEN
          && user != null
          && user.email().isPresent()) {
        return new EmailAlreadyTakenException(user.email().get());
      }
      return refused(constraint, e);
    }
    if (isDatabaseFailure(e)) {
      return unavailable("write", e, statementDone && !isNoConnection(e));
    }
    return e;
  }

  /** What a failed read means: a 503 when the database failed, the failure itself otherwise. */
  public RuntimeException readFailed(RuntimeException e) {
    if (e instanceof StoreUnavailableException || !isDatabaseFailure(e)) {
      return e;
    }
    return unavailable("read", e, false);
  }

  /**
   * What a failed bulk import means: any constraint, as another writer's change between the
   * import's check and its store (the store's own words say which); anything else as the store
   * failing.
   */
  public RuntimeException transferFailed(Throwable e, String what) {
    String constraint = violatedConstraint(e);
    if (constraint != null) {
      return new ImportConflictException(product
          + " refused a row the import had checked"
          + (constraint.isEmpty() ? "" : ", on constraint '" + constraint + "'")
          + " (another writer changed the store meanwhile): "
          + describe(e));
    }
    return new StoreUnavailableException(
        code(e), product + " " + what + ": " + describe(e), e, false);
  }

  public StoreUnavailableException unavailable(
      String what, Throwable cause, boolean mayHaveWritten) {
    return new StoreUnavailableException(
        code(cause), product + " " + what + " failed: " + describe(cause), cause, mayHaveWritten);
  }

  private StoreUnavailableException refused(String constraint, Throwable e) {
    return new StoreUnavailableException(
        "constraint",
        product
            + " refused a write on constraint '"
            + constraint
            + "', which no valid request reaches: "
            + describe(e),
        e,
        false);
  }

  /**
   * One line that names the real cause: the deepest JDBC error with its SQLState, and what lay
   * under it, such as {@code [08001] Connection to 127.0.0.1:5432 refused (ConnectException:
   * Connection refused)}; a pool's own "connection is closed" says little without it.
   */
  public String describe(Throwable e) {
    SQLException deepest = null;
    Throwable root = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && (deepest == null || sql.getSQLState() != null)) {
        deepest = sql;
      }
      root = t;
    }
    Throwable shown = deepest != null ? deepest : root;
    StringBuilder line = new StringBuilder();
    if (deepest != null && deepest.getSQLState() != null) {
      line.append('[').append(deepest.getSQLState()).append("] ");
    }
    line.append(firstLine(shown));
    if (root != shown && !(root instanceof SQLException)) {
      line.append(" (")
          .append(root.getClass().getSimpleName())
          .append(": ")
          .append(firstLine(root))
          .append(')');
    }
    return line.toString();
  }

  /** The first line of a failure's message, or its class when it has none. */
  public static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  /**
   * The kind of failure, for counting: the pool's timeout, a lost connection, or the SQLState. A
   * store with codes of its own overrides it.
   */
  public String code(Throwable e) {
    if (isNoConnection(e)) {
      return "pool-timeout";
    }
    String state = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        state = sql.getSQLState();
      }
    }
    if (state == null || state.startsWith("08")) {
      return "connection";
    }
    return stateCode(state);
  }

  /** The counting code of an SQLState other than a lost connection. */
  protected String stateCode(String state) {
    return "sqlstate-" + state;
  }
}
