package dev.userbase.api.http.access;

import dev.userbase.access.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;

/** What a request needs: nothing for the public pages, otherwise one scope. */
public final class RequiredAccess {

  private RequiredAccess() {}

  /** The scope the request needs, or null when the route is open to everyone. */
  @Nullable
  public static Scope of(HttpRequest<?> request) {
    String path = request.getPath();
    if (isPublic(path)) {
      return null;
    }
    HttpMethod method = request.getMethod();
    boolean reads =
        method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    if (under(path, "/groups") || USERS_GROUPS.matcher(path).matches()) {
      return reads ? Scope.GROUPS_READ : Scope.GROUPS_WRITE;
    }
    if (under(path, "/users")) {
      return reads ? Scope.USERS_READ : Scope.USERS_WRITE;
    }
    if (under(path, "/events")) {
      // Only reads are routed; anything else is refused after the token is checked.
      return Scope.EVENTS_READ;
    }
    return Scope.ADMIN;
  }

  /** A user's groups, {@code /users/{id}/groups}: a read of groups, with groups' scope. */
  private static final java.util.regex.Pattern USERS_GROUPS =
      java.util.regex.Pattern.compile("/users/[^/]+/groups/?");

  /**
   * Health for probes, the published API with its docs pages, and the console's files (its calls
   * to the API carry the person's token).
   */
  static boolean isPublic(String path) {
    return under(path, "/health")
        || under(path, "/console")
        || path.startsWith("/openapi")
        || under(path, "/docs")
        || under(path, "/redoc");
  }

  private static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }
}
