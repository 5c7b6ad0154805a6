package dev.userbase.api.http.common;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters of a list paged by key, for the published spec: {@code limit} and {@code
 * after}, as {@link QueryParameters} reads them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameter(
    name = "limit",
    in = ParameterIn.QUERY,
    description = "Items per page",
    schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
@Parameter(
    name = "after",
    in = ParameterIn.QUERY,
    description = "The id the page starts after: the last id of the page before",
    schema = @Schema(type = "integer", format = "int64", minimum = "1"))
public @interface PageParameters {}
