package dev.userbase.persistence.jdbc;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * The reads of {@code users}, in SQL every store speaks. A store declares a
 * {@code @JdbcRepository} with its dialect that extends this, and overrides a query only where its
 * SQL must differ.
 */
public interface UserRowReads extends GenericRepository<UserRow, Long> {

  Optional<UserRow> findById(long id);

  List<UserRow> findByIdGreaterThanOrderById(long id, Pageable page);

  List<UserRow> findByEmailAndIdGreaterThanOrderById(String email, long id, Pageable page);

  /**
   * A page of the names whose key is in [start, to), in (key, id) order, after (start, after): one
   * range of the users_name_key (name_key, id) index, with no sort. The rows that share the
   * start's key and come before the cursor are read and passed over: as many as users share that
   * one key.
   */
  @Query("SELECT * FROM users WHERE name_key >= :start AND name_key < :to"
      + " AND (name_key > :start OR id > :after) ORDER BY name_key, id LIMIT :limit")
  List<UserRow> findNameKeyPage(String start, String to, long after, int limit);

  @Query("SELECT * FROM users WHERE email = :email AND name_key >= :start AND name_key < :to"
      + " AND (name_key > :start OR id > :after) ORDER BY name_key, id LIMIT :limit")
  List<UserRow> findEmailNameKeyPage(String email, String start, String to, long after, int limit);

  /** A group's members, by user id, on the memberships' primary key (group_id, user_id). */
  @Query("SELECT u.* FROM memberships m JOIN users u ON u.id = m.user_id"
      + " WHERE m.group_id = :groupId AND m.user_id > :after ORDER BY m.user_id LIMIT :limit")
  List<UserRow> findMembers(long groupId, long after, int limit);
}
