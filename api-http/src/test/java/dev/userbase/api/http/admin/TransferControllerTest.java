package dev.userbase.api.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.userbase.api.http.MockedDomain;
import dev.userbase.api.http.MockedDomainHttpTest;
import dev.userbase.domain.Email;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transfer routes when the store fails them: no store, 503 with Retry-After; a row refused
 * because another writer changed the store during the load, 409; a check that runs out of heap,
 * 413; a store that fails midway through an export, a broken transfer rather than a 200 that ends
 * short.
 */
@MicronautTest
@Property(name = MockedDomain.ENABLED, value = "true")
class TransferControllerTest extends MockedDomainHttpTest {

  private static final String NDJSON = "application/x-ndjson";

  @Inject
  UserTransfers transfers;

  @BeforeEach
  void resetTransfers() {
    reset(transfers);
  }

  @Test
  void aStoreThatCannotBeOpenedIs503WithRetryAfterOnBothRoutes() throws IOException {
    when(transfers.open()).thenThrow(new StoreUnavailableException("the disk is gone", null));
    HttpResponse<String> export = http.get("/admin/export");
    assertProblem(export, 503);
    assertThat(export.headers().firstValue("Retry-After")).isPresent();
    HttpResponse<String> imported =
        http.send("POST", "/admin/import", NDJSON, "{\"name\":\"A\"}\n");
    assertProblem(imported, 503);
    assertThat(imported.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aRowRefusedBecauseAnotherWriterChangedTheStoreDuringTheLoadIs409() throws IOException {
    UserTransfer store = mock(UserTransfer.class);
    when(transfers.open()).thenReturn(store);
    when(store.existingIds(any())).thenReturn(Set.of());
    when(store.existingEmails(any())).thenReturn(Set.of());
    when(store.importAll(any()))
        .thenThrow(new ImportConflictException("UNIQUE constraint failed: users.email"));
    HttpResponse<String> answer = http.send(
        "POST", "/admin/import", NDJSON, "{\"name\":\"A\",\"email\":\"a@example.com\"}\n");
    var problem = assertProblem(answer, 409);
    assertThat(problem.get("type").getStringValue()).endsWith("problem:import-conflict");
    assertThat(problem.get("detail").getStringValue())
        .startsWith("Another writer changed the store while importing")
        .doesNotContain("UNIQUE");
  }

  @Test
  void anImportWhoseCheckRunsOutOfHeapIs413AndImportsNothing() throws IOException {
    UserTransfer store = mock(UserTransfer.class);
    when(transfers.open()).thenReturn(store);
    when(store.existingIds(any())).thenReturn(Set.of());
    when(store.existingEmails(any())).thenThrow(new OutOfMemoryError("Java heap space"));
    HttpResponse<String> answer = http.send(
        "POST", "/admin/import", NDJSON, "{\"name\":\"A\",\"email\":\"a@example.com\"}\n");
    assertThat(assertProblem(answer, 413).get("type").getStringValue())
        .endsWith("problem:import-too-large");
    verify(store, never()).importAll(any());
  }

  @Test
  void aStoreThatFailsMidwayBreaksTheExportInsteadOfEndingItShort() {
    UserTransfer store = mock(UserTransfer.class);
    when(transfers.open()).thenReturn(store);
    when(store.exportAll(any())).thenAnswer(call -> {
      UserTransfer.Sink each = call.getArgument(0);
      Instant at = Instant.parse("2026-11-29T10:00:00.000Z");
      for (int i = 1; i <= 50_000; i++) {
        each.user(User.restore(
            new UserId(i), UserName.restore("N" + i), Email.restore("e" + i + "@x.io"), at, at, 1));
      }
      throw new StoreUnavailableException("the disk is gone", null);
    });
    // HttpCalls' requests time out after 30 s: the failure must come well before.
    assertThatThrownBy(() -> http.get("/admin/export"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("GET /admin/export failed")
        .hasRootCauseInstanceOf(IOException.class);
  }
}
