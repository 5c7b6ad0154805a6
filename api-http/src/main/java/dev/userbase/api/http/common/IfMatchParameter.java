package dev.userbase.api.http.common;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The If-Match a change takes, for the published spec (read from the request, not bound). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameter(
    name = "If-Match",
    in = ParameterIn.HEADER,
    description = "ETags as sent in ETag, or *: the change happens only at one of those"
        + " versions (weak tags never match). Required when the server requires it (428).",
    schema = @Schema(type = "string"))
public @interface IfMatchParameter {}
