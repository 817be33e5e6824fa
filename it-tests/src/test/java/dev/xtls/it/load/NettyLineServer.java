package dev.xtls.it.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * A Netty server on 127.0.0.1 whose TLS is an {@link SslHandler} over the server {@link SSLEngine}s from
 * {@code engines}; it answers every line by {@link LineProtocol#reply}. It counts handshakes and open connections
 * and keeps what failed. Unpooled buffers, so that heap measured after a run is not the pool's retained chunks.
 */
final class NettyLineServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final ChannelGroup open = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
    private final AtomicInteger handshakes = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private NettyLineServer(Supplier<SSLEngine> engines) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            open.add(ch);
                            SslHandler ssl = new SslHandler(engines.get());
                            ssl.setHandshakeTimeoutMillis(60_000); // not Netty's 10 s on 2 busy cores
                            ch.pipeline().addLast(ssl, new LineBasedFrameDecoder(1024),
                                    new StringDecoder(StandardCharsets.UTF_8), new Responder());
                        }
                    }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts the server; each accepted connection gets a new engine from {@code engines}. */
    static NettyLineServer start(Supplier<SSLEngine> engines) throws InterruptedException {
        return new NettyLineServer(engines);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Handshakes completed so far. */
    int handshakes() {
        return handshakes.get();
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }

    /** Failed handshakes and exceptions, one line each. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            open.close().await(10, TimeUnit.SECONDS);
            channel.close().await(5, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private final class Responder extends SimpleChannelInboundHandler<String> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LineProtocol.reply(line)));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    handshakes.incrementAndGet();
                } else {
                    failures.add("handshake: " + e.cause());
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause.toString());
            ctx.close();
        }
    }
}
