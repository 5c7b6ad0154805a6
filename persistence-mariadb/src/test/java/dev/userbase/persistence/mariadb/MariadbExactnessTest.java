package dev.userbase.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What MariaDB's defaults would not give, and the store does: code-point comparison of emails and
 * name keys (no case, accent or trailing-space folding), and UTC times whatever the JVM's zone.
 * (That ids are never handed out twice is the repository contract's, on every store.)
 */
class MariadbExactnessTest {

  private final MariadbTestServer server = MariadbTestServer.get();
  private final String database = server.newDatabase();
  private ApplicationContext context;
  private UserRepository users;

  @BeforeEach
  void open() {
    context = ApplicationContext.run(server.properties(database));
    users = context.getBean(UserRepository.class);
  }

  @AfterEach
  void close() {
    context.close();
    server.dropDatabase(database);
  }

  private User insert(String name, String email, Instant at) {
    return users.insert(User.create(
        UserName.of(name),
        email == null ? null : Email.restore(email),
        Clock.fixed(at, ZoneOffset.UTC)));
  }

  @Test
  void emailsThatDifferOnlyByTrailingSpaceOrAccentAreTwoEmails() {
    insert("A", "a@example.com", Instant.EPOCH);
    insert("B", "a@example.com ", Instant.EPOCH);
    insert("C", "á@example.com", Instant.EPOCH);

    assertThat(users.list(0, Optional.of(Email.restore("a@example.com")), 10))
        .extracting(u -> u.name().value())
        .containsExactly("A");
  }

  @Test
  void aNamePrefixMatchesCodePointsNotCollationEquals() {
    insert("Élodie", null, Instant.EPOCH);
    insert("elodie", null, Instant.EPOCH);
    insert("Zoë 🙂", null, Instant.EPOCH);

    assertThat(users.search("elo", Optional.empty(), Optional.empty(), 10))
        .extracting(u -> u.name().value())
        .containsExactly("elodie");
    assertThat(users.search("zoë 🙂", Optional.empty(), Optional.empty(), 10))
        .extracting(u -> u.name().value())
        .containsExactly("Zoë 🙂");
  }

  @Test
  void anInstantComesBackExactWhateverTheJvmsZoneAndIsStoredAsUtc() throws Exception {
    // 01:30 on the night New York sets its clocks back: a local time that happens twice.
    Instant ambiguous = Instant.parse("2026-11-01T05:30:00.123Z");
    TimeZone before = TimeZone.getDefault();
    User stored;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      stored = insert("Autumn", null, ambiguous);
      assertThat(users.findById(stored.id()).orElseThrow().createdAt()).isEqualTo(ambiguous);
    } finally {
      TimeZone.setDefault(before);
    }
    assertThat(users.findById(stored.id()).orElseThrow().createdAt()).isEqualTo(ambiguous);
    try (Connection connection = server.connect();
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT CAST(created_at AS CHAR) FROM "
            + database
            + ".users WHERE id = "
            + stored.id().value())) {
      row.next();
      assertThat(row.getString(1)).isEqualTo("2026-11-01 05:30:00.123");
    }
  }
}
