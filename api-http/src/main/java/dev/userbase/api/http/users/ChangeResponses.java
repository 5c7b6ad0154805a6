package dev.userbase.api.http.users;

import dev.userbase.api.http.docs.SharedResponses;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers PUT and PATCH share, for the published spec: one list, not two copies. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(
    responseCode = "200",
    description = "The changed user",
    headers = @Header(name = "ETag", required = true, schema = @Schema(type = "string")),
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserResponse.class)))
@ApiResponse(responseCode = "404", ref = SharedResponses.USER_NOT_FOUND)
@ApiResponse(responseCode = "409", ref = SharedResponses.EMAIL_TAKEN)
@SharedResponses.OnChange
@interface ChangeResponses {}
