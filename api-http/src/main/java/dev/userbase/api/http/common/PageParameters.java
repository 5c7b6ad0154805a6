package dev.userbase.api.http.common;

import dev.userbase.api.http.docs.SharedResponses;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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
@Parameter(name = "limit", in = ParameterIn.QUERY, ref = SharedResponses.LIMIT)
@Parameter(name = "after", in = ParameterIn.QUERY, ref = SharedResponses.AFTER)
public @interface PageParameters {}
