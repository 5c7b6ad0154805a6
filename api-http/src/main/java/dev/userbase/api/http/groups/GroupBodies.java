package dev.userbase.api.http.groups;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies of groups as the published spec describes them; the controller reads raw
 * bytes through {@link GroupInput}, so these records only tell the generator the truth.
 */
final class GroupBodies {

  private GroupBodies() {}

  @Schema(name = "NewGroup", description = "A group to create.")
  record NewGroup(
      @Schema(
          requiredMode = Schema.RequiredMode.REQUIRED,
          minLength = 1,
          maxLength = 100,
          description = "Trimmed; a user name's rules; unique ignoring case.",
          example = "Admins")
      String name,

      @Nullable
      @Schema(nullable = true, minLength = 1, maxLength = 1000, example = "Who may change anything")
      String description) {}

  @Schema(
      name = "GroupReplacement",
      description = "The whole group: both fields are required; a null description removes it.")
  record GroupReplacement(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100)
      String name,

      @Nullable
      @Schema(
          requiredMode = Schema.RequiredMode.REQUIRED,
          nullable = true,
          minLength = 1,
          maxLength = 1000)
      String description) {}

  @Schema(
      name = "GroupMergePatch",
      description = "A JSON merge patch (RFC 7396): a field left out stays; description null"
          + " removes it; name cannot be null.")
  record GroupMergePatch(
      @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, minLength = 1, maxLength = 100)
      String name,

      @Nullable @Schema(nullable = true, minLength = 1, maxLength = 1000)
      String description) {}
}
