package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Group;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plans of the reads that page: a name search reads a page of names by their key's prefix as
 * one range of the {@code users_name_key} (name_key, id) index, in its order, with no sort step,
 * so that a page deep in the matches costs what the first costs; a group search likewise on the
 * unique name key; a page of a group's members and a page of a
 * user's groups are each one indexed range in key order with no sort step, so that a page deep in
 * a long list costs what the first costs. Each store explains the queries in its own words.
 */
public abstract class NameSearchPlanContract {

  /** The settings of an app context on a new, empty store. */
  protected abstract Map<String, Object> newStore() throws Exception;

  /** Releases what {@link #newStore} made. */
  protected void dropStore() throws Exception {}

  /** A plain connection to the store {@link #newStore} made, set up for the plan below. */
  protected abstract Connection connect(Map<String, Object> store) throws SQLException;

  /** The store's words that ask for a plan, such as {@code EXPLAIN}. */
  protected abstract String explain();

  /**
   * The table as the plan's query names it: the store may name the index where a three-row table
   * would rightly be scanned instead.
   */
  protected String users() {
    return "users";
  }

  /** What the plan says when it ranges over the index. */
  protected abstract String indexRange();

  /** What the members' plan says when it ranges over the memberships' primary key. */
  protected abstract String membersRange();

  /** What the groups' plan says when it ranges over the (user_id, group_id) index. */
  protected abstract String groupsRange();

  /** What a plan says when it sorts the rows it found. */
  protected abstract String sortStep();

  /** The groups' table as the plan's query names it (see {@link #users}). */
  protected String groups() {
    return "user_groups";
  }

  /** What the group search's plan says when it ranges over the unique name key's index. */
  protected abstract String groupNameRange();

  @AfterEach
  void drop() throws Exception {
    dropStore();
  }

  @Test
  void thePrefixSearchIsARangeOnTheNameKeyIndexInItsOrderWithNoSort() throws Exception {
    Map<String, Object> store = newStore();
    try (ApplicationContext context = ApplicationContext.run(store)) {
      UserRepository users = context.getBean(UserRepository.class);
      GroupRepository groups = context.getBean(GroupRepository.class);
      // Inserted out of name order: the search's order is the key's, not the id's.
      for (String name : new String[] {"Alina", "Bob", "Alice"}) {
        users.insert(User.create(UserName.of(name), null, Clock.systemUTC()));
        groups.insert(Group.create(GroupName.of(name), null, Clock.systemUTC()));
      }
      assertThat(users.search("ali", Optional.empty(), Optional.empty(), 10))
          .extracting(u -> u.name().value())
          .containsExactly("Alice", "Alina");
      assertThat(groups.search("ali", Optional.empty(), 10))
          .extracting(g -> g.name().value())
          .containsExactly("Alice", "Alina");
    }
    // A page deep in the matches: it starts at the cursor's key, past its id.
    String search = plan(
        store,
        "SELECT * FROM " + users() + " WHERE name_key >= ? AND name_key < ?"
            + " AND (name_key > ? OR id > ?) ORDER BY name_key, id LIMIT ?",
        "alice",
        UserName.searchKeyRangeEnd("ali"),
        "alice",
        1L,
        51);
    String groupSearch = plan(
        store,
        "SELECT * FROM " + groups() + " WHERE name_key >= ? AND name_key < ?"
            + " AND (name_key > ? OR id > ?) ORDER BY name_key LIMIT ?",
        "alice",
        UserName.searchKeyRangeEnd("ali"),
        "alice",
        1L,
        51);
    System.out.println(getClass().getSimpleName() + ": GET /users?name=ali: " + search);
    System.out.println(getClass().getSimpleName() + ": GET /groups?name=ali: " + groupSearch);
    assertThat(search).contains(indexRange()).doesNotContain(sortStep());
    assertThat(groupSearch).contains(groupNameRange()).doesNotContain(sortStep());
  }

  @Test
  void aPageOfMembersAndAPageOfGroupsAreIndexRangesWithNoSort() throws Exception {
    Map<String, Object> store = newStore();
    try (ApplicationContext context = ApplicationContext.run(store)) {
      UserRepository users = context.getBean(UserRepository.class);
      GroupRepository groups = context.getBean(GroupRepository.class);
      List<Group> teams = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        teams.add(groups.insert(Group.create(GroupName.of("Team " + i), null, Clock.systemUTC())));
      }
      for (int i = 0; i < 60; i++) {
        User user = users.insert(User.create(UserName.of("U" + i), null, Clock.systemUTC()));
        for (Group team : teams) {
          groups.add(team.id(), user.id());
        }
      }
    }
    String members = plan(
        store,
        "SELECT u.* FROM memberships m JOIN users u ON u.id = m.user_id"
            + " WHERE m.group_id = ? AND m.user_id > ? ORDER BY m.user_id LIMIT ?",
        2L,
        30L,
        11);
    String groupsOf = plan(
        store,
        "SELECT g.* FROM memberships m JOIN user_groups g ON g.id = m.group_id"
            + " WHERE m.user_id = ? AND m.group_id > ? ORDER BY m.group_id LIMIT ?",
        2L,
        30L,
        11);
    System.out.println(getClass().getSimpleName() + ": GET /groups/{id}/members: " + members);
    System.out.println(getClass().getSimpleName() + ": GET /users/{id}/groups: " + groupsOf);
    assertThat(members).contains(membersRange()).doesNotContain(sortStep());
    assertThat(groupsOf).contains(groupsRange()).doesNotContain(sortStep());
  }

  private String plan(Map<String, Object> store, String sql, Object... values) throws SQLException {
    try (Connection connection = connect(store)) {
      return plan(connection, explain() + " " + sql, values);
    }
  }

  /** The rows of an EXPLAIN, one line each, every column as label=value. */
  static String plan(Connection connection, String explain, Object... values) throws SQLException {
    List<String> plan = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(explain)) {
      for (int i = 0; i < values.length; i++) {
        query.setObject(i + 1, values[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        ResultSetMetaData columns = rows.getMetaData();
        while (rows.next()) {
          List<String> step = new ArrayList<>();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            step.add(columns.getColumnLabel(i) + "=" + rows.getString(i));
          }
          plan.add(String.join(" ", step));
        }
      }
    }
    return String.join("\n", plan);
  }
}
