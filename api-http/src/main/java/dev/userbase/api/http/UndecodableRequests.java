package dev.userbase.api.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A request the codec could not decode (a request line or headers too long, a malformed line)
 * gets its 4xx, and then the connection is closed: the codec discards whatever follows on it.
 * Micronaut answered such a request without {@code Connection: close}, so a client could send
 * its next request on a connection the server was about to drop and see it end with no answer
 * (Java's HttpClient did, in the hostile-input test). The answer now says {@code close}, and the
 * connection closes once it is written. One instance per connection, on its event loop.
 */
final class UndecodableRequests extends ChannelDuplexHandler {

  private boolean closeAfterAnswer;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
      closeAfterAnswer = true;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (closeAfterAnswer && msg instanceof HttpResponse response) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    if (closeAfterAnswer && msg instanceof LastHttpContent) {
      super.write(ctx, msg, promise);
      promise.addListener(ChannelFutureListener.CLOSE);
      return;
    }
    super.write(ctx, msg, promise);
  }
}
