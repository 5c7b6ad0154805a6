package dev.userbase.persistence.jdbc;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * The reads of groups and memberships, in SQL every store speaks; a store declares a
 * {@code @JdbcRepository} with its dialect that extends this (see {@link UserRowReads}).
 */
public interface GroupRowReads extends GenericRepository<GroupRow, Long> {

  Optional<GroupRow> findById(long id);

  List<GroupRow> findByIdGreaterThanOrderById(long id, Pageable page);

  /**
   * A page of the names whose key is in [start, to), in key order (the key is unique, so this is
   * key and id order), after (start, after): one range on the unique name key's index.
   */
  @Query("SELECT * FROM user_groups WHERE name_key >= :start AND name_key < :to"
      + " AND (name_key > :start OR id > :after) ORDER BY name_key LIMIT :limit")
  List<GroupRow> findNameKeyPage(String start, String to, long after, int limit);

  /** The groups a user belongs to, by group id, on the memberships' (user_id, group_id) index. */
  @Query("SELECT g.* FROM memberships m JOIN user_groups g ON g.id = m.group_id"
      + " WHERE m.user_id = :userId AND m.group_id > :after ORDER BY m.group_id LIMIT :limit")
  List<GroupRow> findGroupsOf(long userId, long after, int limit);
}
