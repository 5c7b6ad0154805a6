package dev.userbase.api.http.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of groups.
 *
 * @param next the path of the next page, or null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record GroupListResponse(
    List<GroupResponse> items, @Nullable String next) {}
