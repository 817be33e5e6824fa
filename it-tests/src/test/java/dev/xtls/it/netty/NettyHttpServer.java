package dev.xtls.it.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;

/**
 * A Netty HTTPS server on 127.0.0.1 whose TLS is an {@link SslHandler} from {@code sslHandlers} (tests build it on
 * an Xtls SSLEngine). After the handshake the ALPN result picks the pipeline: "h2" gets an {@code Http2FrameCodec}
 * and a handler answering every stream, "http/1.1" (or no ALPN) gets {@code HttpServerCodec}. Both answer any
 * request with 200 and {@link #body(String)}, or (see {@link #answer}) a download of a given size or the size of
 * the request body received. {@link #close()} stops the channel and the event loop, bounded.
 */
final class NettyHttpServer implements AutoCloseable {

    /** Where the server reads the ALPN result. */
    enum AlpnSource {
        /**
         * Netty's {@link ApplicationProtocolNegotiationHandler}, which asks {@link SslHandler#applicationProtocol()}.
         * That answers only for engines Netty wrapped itself (an {@code SslContext} built with ALPN); for an engine
         * handed to {@code new SslHandler(engine)} it is always null.
         */
        NETTY_HANDLER,
        /** The JDK 9 API, {@link javax.net.ssl.SSLEngine#getApplicationProtocol()}, which any engine answers. */
        SSL_ENGINE
    }

    /** What one accepted connection's handshake gave, seen from the server. */
    record Handshake(boolean success, Throwable cause, String applicationProtocol, SSLSession session) {
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();

    private NettyHttpServer(Supplier<SslHandler> sslHandlers, AlpnSource alpn) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(sslHandlers.get(), new HandshakeRecorder(),
                                    alpn == AlpnSource.NETTY_HANDLER ? new AlpnSwitch() : new EngineAlpnSwitch());
                        }
                    }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts the server; each accepted connection gets a new handler from {@code sslHandlers}. */
    static NettyHttpServer start(Supplier<SslHandler> sslHandlers, AlpnSource alpn) throws InterruptedException {
        return new NettyHttpServer(sslHandlers, alpn);
    }

    /** The fixed body every request gets, naming the protocol that served it. */
    static String body(String protocol) {
        return "Hello from Netty on Xtls over " + protocol + "\n";
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Every handshake so far, in order. */
    List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    /**
     * The first handshake, waiting (at most 5 s) for it to be recorded: the event loop records a failed handshake
     * after it sent the alert, so the client may have seen the alert first.
     */
    Handshake firstHandshake() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (handshakes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (handshakes.isEmpty()) {
            throw new AssertionError("the server recorded no handshake");
        }
        return handshakes.get(0);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            channel.close().await(5, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** Records each handshake's outcome with the engine's session and ALPN result. */
    private final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                handshakes.add(new Handshake(e.isSuccess(), e.cause(), ssl.engine().getApplicationProtocol(),
                        ssl.engine().getSession()));
                ctx.pipeline().remove(this);
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /** h2 or HTTP/1.1 by ALPN; HTTP/1.1 when the client sent no ALPN. */
    private static final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
        AlpnSwitch() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            configure(ctx, protocol);
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // recorded by HandshakeRecorder
        }
    }

    private static void configure(ChannelHandlerContext ctx, String protocol) {
        switch (protocol) {
            case ApplicationProtocolNames.HTTP_2 -> ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                    new Http2Responder());
            case ApplicationProtocolNames.HTTP_1_1 -> ctx.pipeline().addLast(new HttpServerCodec(),
                    new HttpObjectAggregator(MAX_BYTES), new Http1Responder());
            default -> throw new IllegalStateException("unexpected ALPN protocol " + protocol);
        }
    }

    /**
     * The same switch on {@link javax.net.ssl.SSLEngine#getApplicationProtocol()}: holds back what arrives before
     * the handshake event, then configures the pipeline, replays it and steps aside.
     */
    private static final class EngineAlpnSwitch extends ChannelInboundHandlerAdapter {
        private final List<Object> held = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            held.add(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (!e.isSuccess()) {
                    ctx.close(); // recorded by HandshakeRecorder
                    return;
                }
                String protocol = ctx.pipeline().get(SslHandler.class).engine().getApplicationProtocol();
                configure(ctx, protocol == null || protocol.isEmpty() ? ApplicationProtocolNames.HTTP_1_1 : protocol);
                ctx.pipeline().remove(this);
                held.forEach(ctx::fireChannelRead);
                held.clear();
                ctx.fireChannelReadComplete();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a failed handshake: the recorder has it, and the engine has sent its alert
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            // nothing to release unless the channel went away before the handshake finished
            if (!ctx.channel().isActive()) {
                held.forEach(ReferenceCountUtil::release);
                held.clear();
            }
        }
    }

    /** Size of the download {@code GET /bytes/N} and what a request body of that size sends, up to 4 MiB. */
    static final int MAX_BYTES = 4 << 20;

    /**
     * The response body: {@code GET /bytes/N} gives N bytes of {@link #pattern}; a request with a body gives
     * "received N bytes over P\n"; anything else {@link #body(String)}.
     */
    private static ByteBuf answer(String path, long received, String protocol) {
        if (received > 0) {
            return Unpooled.copiedBuffer("received " + received + " bytes over " + protocol + "\n",
                    StandardCharsets.UTF_8);
        }
        if (path != null && path.startsWith("/bytes/")) {
            return Unpooled.wrappedBuffer(pattern(Math.min(MAX_BYTES, Integer.parseInt(path.substring(7)))));
        }
        return Unpooled.copiedBuffer(body(protocol), StandardCharsets.UTF_8);
    }

    /** n bytes "abc...zabc...", so truncation, reordering and corruption all show. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /**
     * Answers each HTTP/2 stream once its request has ended (headers or data with END_STREAM), counting the
     * request body and giving its flow-control window back as it arrives.
     */
    private static final class Http2Responder extends ChannelDuplexHandler {
        private final Map<Http2FrameStream, String> paths = new HashMap<>();
        private final Map<Http2FrameStream, Long> received = new HashMap<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h) {
                    CharSequence path = h.headers().path();
                    paths.put(h.stream(), path == null ? "/" : path.toString());
                    if (h.isEndStream()) {
                        respond(ctx, h.stream());
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    received.merge(d.stream(), (long) d.content().readableBytes(), Long::sum);
                    if (d.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(d.initialFlowControlledBytes()).stream(d.stream()));
                    }
                    if (d.isEndStream()) {
                        respond(ctx, d.stream());
                    } else {
                        ctx.flush();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
            ByteBuf body = answer(paths.remove(stream), received.getOrDefault(stream, 0L), "h2");
            received.remove(stream);
            Http2Headers headers = new DefaultHttp2Headers().status(HttpResponseStatus.OK.codeAsText())
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true).stream(stream));
        }
    }

    /** Answers each HTTP/1.1 request; closes after it unless the request keeps the connection alive. */
    private static final class Http1Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ByteBuf body = answer(request.uri(), request.content().readableBytes(), "http/1.1");
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
