package dev.userbase.api.http.access;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/**
 * Which clients count as this machine's own: those whose connection comes from a loopback
 * address. Headers such as {@code X-Forwarded-For} are never believed here.
 */
@Singleton
public class LocalClients {

  public boolean isLocal(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
  }
}
