package dev.userbase.persistence.jdbc;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The repository contract on a store's real server, in a fresh database per test, with the feed
 * on or off: a store may insert a user with its event in one statement, and without one when the
 * feed is off ({@link JdbcUserRepository.Insert}), and each way must keep the contract.
 */
public abstract class ServerUserRepositoryContract extends UserRepositoryContract {

  private final TestServer server;
  private final boolean feed;
  private String database;
  private ApplicationContext context;

  protected ServerUserRepositoryContract(TestServer server, boolean feed) {
    this.server = server;
    this.feed = feed;
  }

  @Override
  protected UserRepository newRepository() {
    database = server.newDatabase();
    Map<String, Object> settings = new HashMap<>(server.properties(database));
    settings.put("userbase.events.enabled", feed);
    context = ApplicationContext.run(settings);
    return context.getBean(UserRepository.class);
  }

  @Override
  protected void closeRepository() {
    context.close();
    server.dropDatabase(database);
  }
}
