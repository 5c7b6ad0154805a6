package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Groups and memberships over real HTTP, on every store: the routes, the conventions users follow,
 * and the cascades the store's foreign keys perform. Every answer is checked against the spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
abstract class GroupsEndToEndSuite {

  private static final AtomicLong NAMES = new AtomicLong();

  @Inject
  EmbeddedServer server;

  @Inject
  JsonMapper json;

  private HttpCalls http;
  private SpecConformance conformance;

  @BeforeAll
  void readTheServedSpec() {
    conformance = SpecConformance.of(server.getURI());
  }

  @BeforeEach
  void setUp() {
    http = new HttpCalls(server.getURI()).observedBy(conformance);
  }

  @AfterEach
  void answersConformToTheSpec() {
    assertThat(conformance.takeFailures()).isEmpty();
  }

  @AfterAll
  void reportConformance() {
    assertThat(conformance.checked()).isPositive();
  }

  private JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.of(JsonNode.class));
  }

  /** A name no other test uses: the suite shares one database. */
  private static String unique(String name) {
    return name + " " + NAMES.incrementAndGet() + "-" + System.nanoTime();
  }

  private long group(String name) throws IOException {
    HttpResponse<String> created =
        http.postJson("/groups", "{\"name\": \"" + name + "\", \"description\": null}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return body(created).get("id").getLongValue();
  }

  private long user(String name) throws IOException {
    HttpResponse<String> created = http.postJson("/users", "{\"name\": \"" + name + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    return body(created).get("id").getLongValue();
  }

  private HttpResponse<String> put(String path) {
    return http.send("PUT", path, null, null);
  }

  private List<Long> ids(HttpResponse<String> page) throws IOException {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    for (JsonNode item : body(page).get("items").values()) {
      ids.add(item.get("id").getLongValue());
    }
    return ids;
  }

  @Test
  void aGroupIsCreatedReadChangedAndDeletedLikeAUser() throws IOException {
    String name = unique("Admins");
    HttpResponse<String> created = http.postJson(
        "/groups", "{\"name\": \"" + name + "\", \"description\": \"Who may change anything\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode group = body(created);
    long id = group.get("id").getLongValue();
    assertThat(created.headers().firstValue("Location")).contains("/groups/" + id);
    assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(group.get("description").getStringValue()).isEqualTo("Who may change anything");

    assertThat(http.get("/groups/" + id, "If-None-Match", "\"1\"").statusCode()).isEqualTo(304);
    HttpResponse<String> patched = http.send(
        "PATCH",
        "/groups/" + id,
        "application/merge-patch+json",
        "{\"description\": null}",
        "If-Match",
        "\"1\"");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(body(patched).get("description").isNull()).isTrue();
    assertThat(http.delete("/groups/" + id, "If-Match", "\"1\"").statusCode()).isEqualTo(412);
    assertThat(http.delete("/groups/" + id, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
    HttpResponse<String> gone = http.get("/groups/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(body(gone).get("type").getStringValue()).endsWith(":group-not-found");
  }

  @Test
  void aNameIsTakenIgnoringCase() throws IOException {
    String name = unique("Readers");
    group(name);
    HttpResponse<String> twice =
        http.postJson("/groups", "{\"name\": \"" + name.toUpperCase() + "\"}");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(body(twice).get("type").getStringValue()).endsWith(":group-name-taken");
  }

  @Test
  void badInputIsA400NamingEachField() throws IOException {
    HttpResponse<String> bad = http.postJson(
        "/groups", "{\"name\": \"\", \"description\": 7, \"id\": 1, \"owner\": \"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("\"field\":\"id\",\"message\":\"is read-only\"")
        .contains("\"field\":\"owner\",\"message\":\"is not a known field\"")
        .contains("\"field\":\"description\",\"message\":\"must be a string or null\"");
    assertThat(http.get("/groups?limit=0").statusCode()).isEqualTo(400);
    assertThat(http.get("/groups?colour=red").statusCode()).isEqualTo(400);
    assertThat(http.get("/groups/01").statusCode()).isEqualTo(400);
  }

  @Test
  void aMemberIsAddedOnceListedBothWaysAndRemovedOnce() throws IOException {
    long group = group(unique("Team"));
    long ada = user("Ada");
    long bob = user("Bob");

    HttpResponse<String> added = put("/groups/" + group + "/members/" + ada);
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.headers().firstValue("Location"))
        .contains("/groups/" + group + "/members/" + ada);
    assertThat(put("/groups/" + group + "/members/" + ada).statusCode()).isEqualTo(200);
    assertThat(put("/groups/" + group + "/members/" + bob).statusCode()).isEqualTo(201);

    HttpResponse<String> first = http.get("/groups/" + group + "/members?limit=1");
    assertThat(ids(first)).containsExactly(ada);
    String next = body(first).get("next").getStringValue();
    assertThat(next).isEqualTo("/groups/" + group + "/members?after=" + ada + "&limit=1");
    assertThat(ids(http.get(next))).containsExactly(bob);
    assertThat(ids(http.get("/users/" + ada + "/groups"))).containsExactly(group);

    assertThat(http.delete("/groups/" + group + "/members/" + ada).statusCode()).isEqualTo(204);
    HttpResponse<String> again = http.delete("/groups/" + group + "/members/" + ada);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(body(again).get("type").getStringValue()).endsWith(":membership-not-found");
    assertThat(ids(http.get("/groups/" + group + "/members"))).containsExactly(bob);
  }

  @Test
  void aMissingGroupOrUserIsA404ThatSaysWhich() throws IOException {
    long group = group(unique("Somebody"));
    long ada = user("Ada");

    HttpResponse<String> noUser = put("/groups/" + group + "/members/" + (ada + 1_000_000));
    assertThat(noUser.statusCode()).isEqualTo(404);
    assertThat(body(noUser).get("type").getStringValue()).endsWith(":user-not-found");
    HttpResponse<String> noGroup = put("/groups/" + (group + 1_000_000) + "/members/" + ada);
    assertThat(noGroup.statusCode()).isEqualTo(404);
    assertThat(body(noGroup).get("type").getStringValue()).endsWith(":group-not-found");
    assertThat(http.get("/users/" + (ada + 1_000_000) + "/groups").statusCode()).isEqualTo(404);
    assertThat(http.get("/groups/" + (group + 1_000_000) + "/members").statusCode())
        .isEqualTo(404);
  }

  @Test
  void deletingAUserRemovesItsMembershipsAndDeletingAGroupNoUser() throws IOException {
    long team = group(unique("Team"));
    long other = group(unique("Other"));
    long ada = user("Ada");
    long bob = user("Bob");
    put("/groups/" + team + "/members/" + ada);
    put("/groups/" + team + "/members/" + bob);
    put("/groups/" + other + "/members/" + bob);

    assertThat(http.delete("/users/" + ada).statusCode()).isEqualTo(204);
    assertThat(ids(http.get("/groups/" + team + "/members"))).containsExactly(bob);

    assertThat(http.delete("/groups/" + team).statusCode()).isEqualTo(204);
    assertThat(http.get("/users/" + bob).statusCode()).isEqualTo(200);
    assertThat(ids(http.get("/users/" + bob + "/groups"))).containsExactly(other);
  }

  @Test
  void theListSearchesByNamePrefixIgnoringCaseInNameOrderAndPagesByItsCursor() throws IOException {
    String prefix = "Zq" + NAMES.incrementAndGet() + "x" + System.nanoTime();
    // Made out of name order: the search's order is the name's.
    long two = group(prefix + " two");
    long one = group(prefix.toLowerCase() + " one");
    group("Else " + prefix);

    HttpResponse<String> first = http.get("/groups?limit=1&name=" + prefix.toUpperCase());
    assertThat(ids(first)).containsExactly(one);
    String next = body(first).get("next").getStringValue();
    assertThat(ids(http.get(next))).containsExactly(two);
    assertThat(http.get("/groups?name=" + prefix + "&after=" + one).statusCode())
        .isEqualTo(400);
    // Without a name, the list stays in id order, paged by id.
    assertThat(http.get("/groups?after=" + one).statusCode()).isEqualTo(200);
  }
}
