package dev.userbase.api.http;

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
@ApiResponse(
    responseCode = "404",
    description = "No such user",
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@ApiResponse(
    responseCode = "409",
    description = "The email belongs to another user",
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@ApiResponse(
    responseCode = "412",
    description = "If-Match names no current version; ETag gives the current one",
    headers = @Header(name = "ETag", schema = @Schema(type = "string")),
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@ApiResponse(
    responseCode = "413",
    description = "A body over 64 KiB",
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@ApiResponse(
    responseCode = "415",
    description = "A body that is not UTF-8 JSON, or has a Content-Encoding",
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@ApiResponse(
    responseCode = "428",
    description = "If-Match is required here and was not sent",
    content =
        @Content(
            mediaType = Problem.CONTENT_TYPE,
            schema = @Schema(implementation = Problem.class)))
@interface ChangeResponses {}
