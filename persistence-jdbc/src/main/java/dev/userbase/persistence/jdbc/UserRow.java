package dev.userbase.persistence.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of the {@code users} table, the same on every store. */
@MappedEntity("users")
public record UserRow(
    @Id @GeneratedValue @Nullable Long id,
    String name,
    // UserName.searchKey(name): a case-insensitive prefix search is a range on its index.
    String nameKey,
    @Nullable String email,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
