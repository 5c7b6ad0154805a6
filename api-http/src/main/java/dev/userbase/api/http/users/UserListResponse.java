package dev.userbase.api.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of users.
 *
 * @param next the path of the next page, or null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserListResponse(
    List<UserResponse> items, @Nullable String next) {}
