package dev.userbase.api.http.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.transfer.UserTimes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A group as the API shows it. Times are UTC with exactly three fraction digits. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@io.swagger.v3.oas.annotations.media.Schema(
    requiredProperties = {"id", "name", "description", "createdAt", "updatedAt", "version"})
public record GroupResponse(
    long id,
    String name,
    @Nullable String description,

    @io.swagger.v3.oas.annotations.media.Schema(format = "date-time")
    String createdAt,

    @io.swagger.v3.oas.annotations.media.Schema(format = "date-time")
    String updatedAt,

    long version) {

  public static GroupResponse fromDomain(Group group) {
    return new GroupResponse(
        group.id().value(),
        group.name().value(),
        group.description().map(GroupDescription::value).orElse(null),
        UserTimes.UTC_MILLIS.format(group.createdAt()),
        UserTimes.UTC_MILLIS.format(group.updatedAt()),
        group.version());
  }
}
