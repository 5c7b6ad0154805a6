package dev.userbase.api.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The rules of RFC 9112 a decoded request's head must meet before anything reads its body: one
 * valid {@code Host} in HTTP/1.1 (section 3.2), and a {@code Transfer-Encoding} whose last coding
 * is {@code chunked}, applied once, in HTTP/1.1 (section 6). A request that breaks one is refused
 * and its connection closed, since where its body ends is unknown.
 */
final class Framing {

  /** What a refused request is answered. */
  record Refusal(HttpResponseStatus status, String detail) {}

  private Framing() {}

  /** Why the request must be refused, or null when its head is sound. */
  static Refusal refusal(HttpRequest request) {
    // Every request passes here: no allocation on the way of a sound one.
    boolean http11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
    String host = hosts.hasNext() ? hosts.next() : null;
    if (http11 && (host == null || hosts.hasNext())) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          host == null
              ? "An HTTP/1.1 request needs a Host header"
              : "The request has "
                  + request.headers().getAll(HttpHeaderNames.HOST).size()
                  + " Host headers; it may have one");
    }
    if (host != null && !isHostAndPort(host)) {
      return new Refusal(HttpResponseStatus.BAD_REQUEST, "The Host header is not a host[:port]");
    }
    if (!request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return null;
    }
    List<String> codings = codings(request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
    if (!http11) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          "Transfer-Encoding is not allowed in an HTTP/"
              + request.protocolVersion().majorVersion() + "."
              + request.protocolVersion().minorVersion() + " request");
    }
    if (!codings.get(codings.size() - 1).equals("chunked")) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          "chunked is not the last transfer coding, so the body's length is unknown");
    }
    for (String coding : codings.subList(0, codings.size() - 1)) {
      if (coding.equals("chunked")) {
        return new Refusal(
            HttpResponseStatus.BAD_REQUEST,
            "The chunked transfer coding is applied more than once");
      }
      return new Refusal(
          HttpResponseStatus.NOT_IMPLEMENTED,
          "The transfer coding '" + coding + "' is not supported; only chunked is");
    }
    return null;
  }

  /**
   * Whether the value is uri-host [":" port] (RFC 3986): a reg-name or IPv4 address (unreserved,
   * sub-delims and percent signs), or an IP literal in brackets, then digits after a colon.
   */
  static boolean isHostAndPort(String value) {
    int i = 0;
    int end = value.length();
    if (i < end && value.charAt(i) == '[') {
      int close = value.indexOf(']');
      if (close < 0) {
        return false;
      }
      for (i = 1; i < close; i++) {
        char c = value.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
          return false;
        }
      }
      i = close + 1;
    } else {
      for (; i < end && value.charAt(i) != ':'; i++) {
        char c = value.charAt(i);
        boolean allowed = (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
        if (!allowed) {
          return false;
        }
      }
    }
    if (i == end) {
      return true;
    }
    if (value.charAt(i) != ':') {
      return false;
    }
    for (i++; i < end; i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static List<String> codings(List<String> headers) {
    List<String> codings = new ArrayList<>();
    for (String header : headers) {
      for (String coding : header.split(",", -1)) {
        // A coding's parameters (";q=…") do not change which coding it is.
        String name = coding.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        codings.add(name);
      }
    }
    return codings;
  }
}
