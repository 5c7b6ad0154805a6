package dev.userbase.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
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
 * A request the codec could not decode is answered here, and then its connection is closed (the
 * codec discards whatever follows on it):
 * <ul>
 *   <li>a request line longer than {@code micronaut.server.netty.max-initial-line-length}: 414;
 *   <li>headers longer than {@code micronaut.server.netty.max-header-size}: 431;
 *   <li>anything else that is not HTTP/1.1: 400.
 * </ul>
 * Each is problem+json with a request id, like every other refusal. Left to Micronaut, the first
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
    if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
      answered = true;
      FullHttpResponse answer = answer(request.decoderResult().cause());
      ReferenceCountUtil.release(msg);
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
      return;
    }
    if (msg instanceof HttpRequest) {
      inFlight++;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    boolean ends = msg instanceof LastHttpContent
        && !(msg instanceof HttpResponse response
            && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
    super.write(ctx, msg, promise);
    if (ends && inFlight > 0) {
      inFlight--;
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
  }

  private static String address(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(remote);
  }

  private FullHttpResponse answer(Throwable cause) {
    HttpResponseStatus status;
    String title;
    String detail;
    if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
      title = "URI Too Long";
      detail = "The request line (method, path and query) is longer than the " + maxLineBytes
          + " bytes this server accepts";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      title = "Request Header Fields Too Large";
      detail = "The request's headers are longer than the " + maxHeaderBytes
          + " bytes this server accepts";
    } else {
      status = HttpResponseStatus.BAD_REQUEST;
      title = "Bad Request";
      detail = "The request is not well-formed HTTP/1.1";
    }
    String requestId = RequestIds.newId();
    // Every value is this class's own text or a hex id: nothing to escape.
    String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
        + status.code() + ",\"detail\":\"" + detail + "\",\"requestId\":\"" + requestId + "\"}";
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
}
