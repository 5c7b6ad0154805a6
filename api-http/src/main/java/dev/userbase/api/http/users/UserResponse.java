package dev.userbase.api.http.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.transfer.UserTimes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A user as the API shows it. Times are UTC with exactly three fraction digits. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@io.swagger.v3.oas.annotations.media.Schema(
    requiredProperties = {"id", "name", "email", "createdAt", "updatedAt", "version"})
public record UserResponse(
    long id,
    String name,
    @Nullable String email,

    @io.swagger.v3.oas.annotations.media.Schema(format = "date-time")
    String createdAt,

    @io.swagger.v3.oas.annotations.media.Schema(format = "date-time")
    String updatedAt,

    long version) {

  public static UserResponse fromDomain(User user) {
    return new UserResponse(
        user.id().value(),
        user.name().value(),
        user.email().map(Email::value).orElse(null),
        UserTimes.UTC_MILLIS.format(user.createdAt()),
        UserTimes.UTC_MILLIS.format(user.updatedAt()),
        user.version());
  }
}
