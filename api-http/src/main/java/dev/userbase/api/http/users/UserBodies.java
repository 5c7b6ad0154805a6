package dev.userbase.api.http.users;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies as the published spec describes them. The controllers read raw bytes (to
 * refuse what a lenient reader would let through), so these records exist only to give the
 * generator the truth about each body's fields and constraints.
 */
final class UserBodies {

  private UserBodies() {}

  @Schema(name = "NewUser", description = "A user to create.")
  record NewUser(
      @Schema(
          requiredMode = Schema.RequiredMode.REQUIRED,
          minLength = 1,
          maxLength = 200,
          description = "Trimmed; at least one visible character; no control, bidi or"
              + " line-separator characters.",
          example = "Alice")
      String name,

      @Nullable
      @Schema(
          nullable = true,
          format = "email",
          maxLength = 254,
          description = "Trimmed and lower-cased; unique.",
          example = "alice@example.com")
      String email) {}

  @Schema(
      name = "UserReplacement",
      description = "The whole user: both fields are required; a null email removes it.")
  record UserReplacement(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200)
      String name,

      @Nullable
      @Schema(
          requiredMode = Schema.RequiredMode.REQUIRED,
          nullable = true,
          format = "email",
          maxLength = 254)
      String email) {}

  @Schema(
      name = "UserMergePatch",
      description = "A JSON merge patch (RFC 7396): a field left out stays; email null removes"
          + " the email; name cannot be null.")
  record UserMergePatch(
      @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, minLength = 1, maxLength = 200)
      String name,

      @Nullable @Schema(nullable = true, format = "email", maxLength = 254)
      String email) {}
}
