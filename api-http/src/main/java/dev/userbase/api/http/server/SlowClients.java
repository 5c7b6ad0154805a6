package dev.userbase.api.http.server;

import dev.userbase.api.http.common.HttpSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow and surplus connections from holding the server: a request whose headers are not
 * complete within {@code userbase.http.header-timeout} of its first byte is closed (a slowloris
 * client sending a byte a second never finishes), and beyond {@code userbase.http.max-connections}
 * open connections a new one is closed at once. Idle connections are closed by Micronaut's own
 * {@code idle-timeout}, set from {@code userbase.http.idle-timeout}. The HTTP/1.1 codec is {@link
 * StrictServerCodec}, and a request the server cannot read gets a 4xx of its own, and its
 * connection is closed ({@link UndecodableRequests}).
 */
@Singleton
final class SlowClients implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);

  private final long headerTimeoutNanos;
  private final int maxConnections;
  private final int maxLineBytes;
  private final int maxHeaderBytes;
  private final boolean accessLog;
  private final HttpDecoderConfig decoderConfig;
  private final AtomicInteger open = new AtomicInteger();

  SlowClients(HttpSettings settings, NettyHttpServerConfiguration server) {
    this.headerTimeoutNanos = settings.headerTimeout().toNanos();
    this.maxConnections = settings.maxConnections();
    this.maxLineBytes = server.getMaxInitialLineLength();
    this.maxHeaderBytes = server.getMaxHeaderSize();
    this.accessLog = settings.accessLog();
    // Micronaut's own codec settings, for the stricter codec that takes its place.
    this.decoderConfig = new HttpDecoderConfig()
        .setMaxInitialLineLength(server.getMaxInitialLineLength())
        .setMaxHeaderSize(server.getMaxHeaderSize())
        .setMaxChunkSize(server.getMaxChunkSize())
        .setValidateHeaders(server.isValidateHeaders())
        .setInitialBufferSize(server.getInitialBufferSize());
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new Listener());
    return event.getBean();
  }

  private final class Listener implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      if (role != ChannelRole.CONNECTION) {
        return this;
      }
      if (maxConnections > 0 && open.incrementAndGet() > maxConnections) {
        open.decrementAndGet();
        LOG.debug("closing a connection: {} are open already", maxConnections);
        channel.close();
        return this;
      }
      if (maxConnections > 0) {
        channel.closeFuture().addListener(f -> open.decrementAndGet());
      }
      return new Connection(channel);
    }
  }

  private final class Connection implements NettyServerCustomizer {
    private final Channel channel;

    Connection(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void onStreamPipelineBuilt() {
      ChannelPipeline pipeline = channel.pipeline();
      if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
        return;
      }
      pipeline.replace(
          ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
          ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
          new StrictServerCodec(decoderConfig));
      pipeline.addAfter(
          ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
          "userbase-undecodable-requests",
          new UndecodableRequests(maxLineBytes, maxHeaderBytes, accessLog));
      if (headerTimeoutNanos <= 0) {
        return;
      }
      HeaderDeadline deadline = new HeaderDeadline();
      pipeline.addBefore(
          ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
          "userbase-header-deadline-bytes",
          deadline.bytes);
      pipeline.addAfter(
          ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
          "userbase-header-deadline-requests",
          deadline.requests);
    }
  }

  /**
   * Starts a clock at the first byte read while no request is in progress, and stops it when the
   * codec has decoded the request's headers. All of it runs on the connection's event loop.
   */
  private final class HeaderDeadline {
    private boolean betweenRequests = true;
    private ScheduledFuture<?> clock;

    final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (betweenRequests && clock == null && msg instanceof ByteBuf buf && buf.isReadable()) {
          clock = ctx.executor()
              .schedule(
                  () -> {
                    LOG.debug("closing {}: its request headers took too long", ctx.channel());
                    ctx.close();
                  },
                  headerTimeoutNanos,
                  TimeUnit.NANOSECONDS);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
      }
    };

    final ChannelInboundHandlerAdapter requests = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
          stop();
          betweenRequests = false;
        }
        if (msg instanceof LastHttpContent) {
          betweenRequests = true;
        }
        super.channelRead(ctx, msg);
      }
    };

    private void stop() {
      if (clock != null) {
        clock.cancel(false);
        clock = null;
      }
    }
  }
}
