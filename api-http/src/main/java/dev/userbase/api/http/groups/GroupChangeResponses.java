package dev.userbase.api.http.groups;

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

/** The answers a group's PUT and PATCH share, for the published spec. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(
    responseCode = "200",
    description = "The changed group",
    headers = @Header(name = "ETag", required = true, schema = @Schema(type = "string")),
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupResponse.class)))
@ApiResponse(responseCode = "404", ref = SharedResponses.GROUP_NOT_FOUND)
@ApiResponse(responseCode = "409", ref = SharedResponses.GROUP_NAME_TAKEN)
@SharedResponses.OnChange
@interface GroupChangeResponses {}
