package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.StoreFaults;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's faults: an integrity violation (SQLState class 23) names its constraint; a server
 * shutting down or out of resources is counted as such.
 */
final class PostgresFaults extends StoreFaults {

  static final PostgresFaults INSTANCE = new PostgresFaults();

  private PostgresFaults() {
    // The names PostgreSQL gives the constraints of the V1 migration.
    super(
        "PostgreSQL",
        Map.of(
            "users_email_key", Conflict.EMAIL_TAKEN,
            "users_pkey", Conflict.ID_TAKEN,
            "user_groups_name_key", Conflict.GROUP_NAME_TAKEN));
  }

  /** A batch reports the violation twice: in its own error, and in the server's it chains. */
  @Override
  protected String violatedConstraint(Throwable e) {
    String violated = null;
    for (Throwable t : chain(e)) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        ServerErrorMessage server =
            sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server != null && server.getConstraint() != null) {
          return server.getConstraint();
        }
        violated = "";
      }
    }
    return violated;
  }

  @Override
  protected String stateCode(String state) {
    if (state.startsWith("57P")) {
      return "server-shutdown";
    }
    if (state.startsWith("53")) {
      return "server-resources";
    }
    return super.stateCode(state);
  }
}
