package dev.userbase.api.http.common;

import dev.userbase.api.http.docs.SharedResponses;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The If-Match a change takes, for the published spec (read from the request, not bound). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameter(name = "If-Match", in = ParameterIn.HEADER, ref = SharedResponses.IF_MATCH)
public @interface IfMatchParameter {}
