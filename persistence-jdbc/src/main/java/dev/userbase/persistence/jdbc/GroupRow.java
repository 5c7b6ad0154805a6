package dev.userbase.persistence.jdbc;

import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of the {@code user_groups} table, the same on every store ({@code groups} is a keyword in
 * the SQL of window frames). Its members are rows of {@code memberships}, which the store's foreign
 * keys tie to a stored group and a stored user, and delete with either.
 */
@MappedEntity("user_groups")
public record GroupRow(
    @Id @GeneratedValue @Nullable Long id,
    String name,
    // GroupName.searchKey(): unique, so that a name is taken ignoring case; a prefix search is a
    // range on its index.
    String nameKey,
    @Nullable String description,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  static GroupRow of(Group group) {
    return new GroupRow(
        group.id() == null ? null : group.id().value(),
        group.name().value(),
        group.name().searchKey(),
        group.description().map(GroupDescription::value).orElse(null),
        group.createdAt(),
        group.updatedAt(),
        group.version());
  }

  /** The stored group, as stored: no rule of today is applied to old rows. */
  Group toDomain() {
    return Group.restore(
        new GroupId(id),
        GroupName.restore(name),
        description == null ? null : GroupDescription.restore(description),
        createdAt,
        updatedAt,
        version);
  }
}
