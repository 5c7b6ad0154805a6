package dev.userbase.api.http.server;

import dev.userbase.api.http.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A request the server cannot read is answered here, and then its connection is closed (whatever
 * follows on it is discarded, since where the next request begins is unknown):
 * <ul>
 *   <li>a request line longer than {@code micronaut.server.netty.max-initial-line-length}: 414;
 *   <li>headers longer than {@code micronaut.server.netty.max-header-size}: 431;
 *   <li>a head that breaks RFC 9112's framing rules ({@link Framing}, {@link StrictServerCodec}):
 *       no Host or two, {@code Content-Length} with {@code Transfer-Encoding}, {@code chunked} not
 *       last or twice, {@code Transfer-Encoding} in HTTP/1.0: 400; a transfer coding other than
 *       chunked: 501;
 *   <li>a chunked body that is not well-formed (a chunk size that is not hexadecimal, say): 400, in
 *       place of whatever the route would have answered to the body read so far;
 *   <li>anything else that is not HTTP/1.1: 400.
 * </ul>
 * Each is problem+json with a request id, like every other refusal, and the request's path as
 * {@code instance} once its request line was read. Left to Micronaut, the first
 * two were 413 "Request Entity Too Large" (about a body never sent) with no request id, and the
 * answer did not say {@code Connection: close}, so a client could send its next request on a
 * connection about to be dropped and see it end with no answer (Java's HttpClient did, in the
 * hostile-input test). A client that pipelines gets the answers to the requests before the
 * undecodable one first, in order. With {@code userbase.http.access-log} on, the refusal has its
 * access line too, with {@code -} for the method and path it could not read. One instance per
 * connection, on its event loop.
 */
final class UndecodableRequests extends ChannelDuplexHandler {

  private final int maxLineBytes;
  private final int maxHeaderBytes;
  private final boolean accessLog;
  private boolean answered;
  // Requests passed on whose answers are not written yet, and this handler's own answer while
  // it waits for them.
  private int inFlight;
  private FullHttpResponse deferred;
  // While a request whose body failed to decode is in flight: its place among the requests in
  // flight (1 = the next answer written is its own), and what it gets instead of that answer.
  private int brokenPlace;
  private FullHttpResponse replacement;
  // The last request passed on; its path is worked out only if its body breaks.
  private HttpRequest current;

  UndecodableRequests(int maxLineBytes, int maxHeaderBytes, boolean accessLog) {
    this.maxLineBytes = maxLineBytes;
    this.maxHeaderBytes = maxHeaderBytes;
    this.accessLog = accessLog;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (answered) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      FullHttpResponse refusal = refusal(request);
      if (refusal != null) {
        refuse(ctx, refusal);
        ReferenceCountUtil.release(msg);
        return;
      }
      current = request;
      inFlight++;
    } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
      FullHttpResponse broken = answer(
          HttpResponseStatus.BAD_REQUEST,
          "Bad Request",
          "The request's chunked body is not well-formed HTTP/1.1",
          current == null ? null : pathOf(current));
      ReferenceCountUtil.release(msg);
      if (inFlight == 0) {
        // Answered already, before its body ended.
        refuse(ctx, broken);
        return;
      }
      // The route has the request already: it gets an empty end of body, and its answer is
      // replaced by the refusal.
      answered = true;
      brokenPlace = inFlight;
      replacement = broken;
      super.channelRead(ctx, LastHttpContent.EMPTY_LAST_CONTENT);
      return;
    }
    super.channelRead(ctx, msg);
  }

  /** The answer to a request that cannot be served as sent, or null when it can. */
  private FullHttpResponse refusal(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      return answer(request.decoderResult().cause(), request);
    }
    Framing.Refusal broken = Framing.refusal(request);
    if (broken == null) {
      return null;
    }
    return answer(
        broken.status(), broken.status().reasonPhrase(), broken.detail(), pathOf(request));
  }

  private void refuse(ChannelHandlerContext ctx, FullHttpResponse answer) {
    answered = true;
    if (accessLog) {
      RequestIds.access(
          answer.headers().get(RequestIds.HEADER),
          "-",
          "-",
          answer.status().code(),
          0,
          address(ctx.channel().remoteAddress()));
    }
    if (inFlight == 0) {
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    } else {
      deferred = answer;
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    boolean ends = msg instanceof LastHttpContent
        && !(msg instanceof HttpResponse response
            && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
    if (replacement != null && brokenPlace == 1) {
      // The broken request's own answer: dropped, and the refusal written in its place.
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
      if (ends) {
        ctx.writeAndFlush(replacement).addListener(ChannelFutureListener.CLOSE);
        replacement = null;
      }
      return;
    }
    super.write(ctx, msg, promise);
    if (ends && inFlight > 0) {
      inFlight--;
      brokenPlace--;
    }
    if (ends && inFlight == 0 && deferred != null) {
      ctx.writeAndFlush(deferred).addListener(ChannelFutureListener.CLOSE);
      deferred = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (deferred != null) {
      deferred.release();
      deferred = null;
    }
    if (replacement != null) {
      replacement.release();
      replacement = null;
    }
  }

  /**
   * The request's path, or null when its request line could not be read (the codec then makes up
   * a request for {@code /bad-request}).
   */
  private static String pathOf(HttpRequest request) {
    String uri = request.uri();
    if (request.decoderResult().isFailure()
        && request.decoderResult().cause() instanceof TooLongHttpLineException) {
      return null;
    }
    if (request.decoderResult().isFailure() && "/bad-request".equals(uri)) {
      return null;
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.startsWith("/") ? path : null;
  }

  private static String address(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(remote);
  }

  private FullHttpResponse answer(Throwable cause, HttpRequest request) {
    if (cause instanceof TooLongHttpLineException) {
      return answer(
          HttpResponseStatus.REQUEST_URI_TOO_LONG,
          "URI Too Long",
          "The request line (method, path and query) is longer than the " + maxLineBytes
              + " bytes this server accepts",
          null);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return answer(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "Request Header Fields Too Large",
          "The request's headers are longer than the " + maxHeaderBytes
              + " bytes this server accepts",
          pathOf(request));
    }
    return answer(
        HttpResponseStatus.BAD_REQUEST,
        "Bad Request",
        cause instanceof StrictServerCodec.AmbiguousFraming framing
            ? framing.getMessage()
            : "The request is not well-formed HTTP/1.1",
        pathOf(request));
  }

  private static FullHttpResponse answer(
      HttpResponseStatus status, String title, String detail, String instance) {
    String requestId = RequestIds.newId();
    // Title and detail are this class's own text, the id is hex: only the path needs escaping.
    String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
        + status.code() + ",\"detail\":\"" + detail + "\""
        + (instance == null ? "" : ",\"instance\":\"" + jsonEscaped(instance) + "\"")
        + ",\"requestId\":\"" + requestId + "\"}";
    ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set(RequestIds.HEADER, requestId);
    return response;
  }

  private static String jsonEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
