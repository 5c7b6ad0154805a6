package dev.userbase.api.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Host rule's reading of uri-host [":" port]. */
class HostAndPortTest {

  @Test
  void hostsAndPortsAreAccepted() {
    for (String host : new String[] {
      "localhost",
      "localhost:8080",
      "127.0.0.1:1",
      "[::1]:8080",
      "[fe80::1]",
      "a-b.example.org",
      "x",
      "",
      "h:"
    }) {
      assertThat(Framing.isHostAndPort(host)).as(host).isTrue();
    }
  }

  @Test
  void whatIsNoHostIsRefused() {
    for (String host : new String[] {
      "a/b", "a b", "a@b", "a?b", "a#b", "[::1", "[::1]x", "h:8o", "[g::1]", "a:1:2", "\u00e9"
    }) {
      assertThat(Framing.isHostAndPort(host)).as(host).isFalse();
    }
  }
}
