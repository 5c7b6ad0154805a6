package dev.userbase.persistence.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/**
 * The writes of groups and memberships, in SQL every store speaks, with the reads a write makes in
 * its own transaction; see {@link GroupRowReads}.
 */
public interface GroupRowWrites extends GenericRepository<GroupRow, Long> {

  GroupRow save(GroupRow row);

  @Query("UPDATE user_groups SET name = :name, name_key = :nameKey, description = :description,"
      + " updated_at = :updatedAt, version = :version WHERE id = :id AND version = :version - 1")
  long updateFromPreviousVersion(
      long id,
      String name,
      String nameKey,
      @Nullable String description,
      Instant updatedAt,
      long version);

  long deleteByIdAndVersion(long id, long version);

  long deleteById(long id);

  @Query("SELECT COUNT(*) FROM user_groups WHERE id = :id")
  long countGroup(long id);

  @Query("SELECT COUNT(*) FROM users WHERE id = :id")
  long countUser(long id);

  @Query("SELECT COUNT(*) FROM memberships WHERE group_id = :groupId AND user_id = :userId")
  long countMembership(long groupId, long userId);

  @Query("INSERT INTO memberships (group_id, user_id) VALUES (:groupId, :userId)")
  long insertMembership(long groupId, long userId);

  @Query("DELETE FROM memberships WHERE group_id = :groupId AND user_id = :userId")
  long deleteMembership(long groupId, long userId);
}
