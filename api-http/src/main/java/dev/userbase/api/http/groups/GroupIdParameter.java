package dev.userbase.api.http.groups;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@code {id}} of a group's path, for the published spec: read as text, but an integer. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(
    description = "The group's id: a positive 64-bit integer",
    schema = @Schema(type = "integer", format = "int64", minimum = "1"))
@interface GroupIdParameter {}
