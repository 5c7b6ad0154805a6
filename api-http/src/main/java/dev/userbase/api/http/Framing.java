package dev.userbase.api.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of RFC 9112 a decoded request's head must meet before anything reads its body: one
 * valid {@code Host} in HTTP/1.1 (section 3.2), and a {@code Transfer-Encoding} whose last coding
 * is {@code chunked}, applied once, in HTTP/1.1 (section 6). A request that breaks one is refused
 * and its connection closed, since where its body ends is unknown.
 */
final class Framing {

  /** What a refused request is answered. */
  record Refusal(HttpResponseStatus status, String detail) {}

  // uri-host [ ":" port ]: a reg-name, an IPv4 address or an IP literal in brackets.
  private static final Pattern HOST =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9\\-._~!$&'()*+,;=%]*)(:[0-9]*)?");

  private Framing() {}

  /** Why the request must be refused, or null when its head is sound. */
  static Refusal refusal(HttpRequest request) {
    boolean http11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
    if (http11 && hosts.size() != 1) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST,
          hosts.isEmpty()
              ? "An HTTP/1.1 request needs a Host header"
              : "The request has " + hosts.size() + " Host headers; it may have one");
    }
    if (hosts.size() == 1 && !HOST.matcher(hosts.get(0).strip()).matches()) {
      return new Refusal(HttpResponseStatus.BAD_REQUEST, "The Host header is not a host[:port]");
    }
    List<String> codings = codings(request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
    if (codings.isEmpty()) {
      return null;
    }
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
