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
 * The plans of the reads that page: a name search finds names by their key's prefix as a range on
 * the {@code users_name_key} index rather than a scan; a page of a group's members and a page of a
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

  @AfterEach
  void drop() throws Exception {
    dropStore();
  }

  @Test
  void thePrefixSearchIsARangeOnTheNameKeyIndex() throws Exception {
    Map<String, Object> store = newStore();
    try (ApplicationContext context = ApplicationContext.run(store)) {
      UserRepository users = context.getBean(UserRepository.class);
      for (String name : new String[] {"Alice", "Bob", "Alina"}) {
        users.insert(User.create(UserName.of(name), null, Clock.systemUTC()));
      }
      assertThat(users.list(0, Optional.empty(), Optional.of("ali"), 10))
          .extracting(u -> u.name().value())
          .containsExactly("Alice", "Alina");
    }
    List<String> plan = new ArrayList<>();
    try (Connection connection = connect(store);
        PreparedStatement query = connection.prepareStatement(explain()
            + " SELECT * FROM "
            + users()
            + " WHERE name_key >= ? AND name_key < ? AND id > ? ORDER BY id LIMIT ?")) {
      query.setString(1, "ali");
      query.setString(2, UserName.searchKeyRangeEnd("ali"));
      query.setLong(3, 0);
      query.setInt(4, 51);
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
    System.out.println(getClass().getSimpleName() + ": the plan of GET /users?name=ali: " + plan);
    assertThat(String.join("\n", plan)).contains(indexRange());
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
            + " WHERE m.group_id = ? AND m.user_id > ? ORDER BY m.user_id LIMIT ?");
    String groupsOf = plan(
        store,
        "SELECT g.* FROM memberships m JOIN user_groups g ON g.id = m.group_id"
            + " WHERE m.user_id = ? AND m.group_id > ? ORDER BY m.group_id LIMIT ?");
    System.out.println(getClass().getSimpleName() + ": GET /groups/{id}/members: " + members);
    System.out.println(getClass().getSimpleName() + ": GET /users/{id}/groups: " + groupsOf);
    assertThat(members).contains(membersRange()).doesNotContain(sortStep());
    assertThat(groupsOf).contains(groupsRange()).doesNotContain(sortStep());
  }

  private String plan(Map<String, Object> store, String sql) throws SQLException {
    List<String> plan = new ArrayList<>();
    try (Connection connection = connect(store);
        PreparedStatement query = connection.prepareStatement(explain() + " " + sql)) {
      query.setLong(1, 2);
      query.setLong(2, 30);
      query.setInt(3, 11);
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
