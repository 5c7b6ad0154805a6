package dev.userbase.api.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The HTTP/1.1 server codec, in place of Netty's {@code HttpServerCodec}, with one difference: a
 * request with both {@code Content-Length} and {@code Transfer-Encoding} fails to decode, where
 * Netty's drops the {@code Content-Length} and reads the chunks. A proxy in front that frames by
 * the length would then disagree with this server about where the request ends (the CL.TE
 * smuggling pair); refused, it never gets that far ({@link UndecodableRequests} answers 400 and
 * closes the connection, as RFC 9112 section 6.1 requires). The encoder, as Netty's, sends no body
 * for an answer to HEAD.
 */
final class StrictServerCodec
    extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

  /** Why a request's framing was refused, for the answer's detail. */
  static final class AmbiguousFraming extends IllegalArgumentException {
    AmbiguousFraming(String message) {
      super(message);
    }
  }

  // The methods of the requests decoded and not yet answered, in order.
  private final Queue<HttpMethod> methods = new ArrayDeque<>();

  StrictServerCodec(HttpDecoderConfig config) {
    init(new Decoder(config), new Encoder());
  }

  private final class Decoder extends HttpRequestDecoder {

    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      int before = out.size();
      super.decode(ctx, buffer, out);
      for (int i = before; i < out.size(); i++) {
        if (out.get(i) instanceof HttpRequest request) {
          methods.add(request.method());
        }
      }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      throw new AmbiguousFraming(
          "The request has both Content-Length and Transfer-Encoding, so its length is ambiguous");
    }
  }

  private final class Encoder extends HttpResponseEncoder {
    private HttpMethod method;

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse response) {
      // An interim answer (100 Continue) comes before the request's own answer.
      if (response.status().codeClass() != HttpStatusClass.INFORMATIONAL
          || response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        method = methods.poll();
      }
      return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(response);
    }

    @Override
    protected void sanitizeHeadersBeforeEncode(HttpResponse response, boolean isAlwaysEmpty) {
      if (!isAlwaysEmpty
          && HttpMethod.CONNECT.equals(method)
          && response.status().codeClass() == HttpStatusClass.SUCCESS) {
        // A tunnel opened by CONNECT has no framing of its own.
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        return;
      }
      super.sanitizeHeadersBeforeEncode(response, isAlwaysEmpty);
    }
  }
}
