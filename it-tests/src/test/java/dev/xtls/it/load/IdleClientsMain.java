package dev.xtls.it.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The clients of {@link IdleConnectionsIT}, run as a child JVM (a process may hold 20,000 descriptors here: server
 * and clients of 10,000 connections do not fit in one). Args: port, connections, in flight, CA PEM file. Opens the
 * connections with Netty on SunJSSE TLS 1.2 engines, the first one alone so that the rest resume its session (a
 * full handshake each would take minutes of CPU on 2 cores), at most "in flight" handshaking at once; prints
 * {@code READY ok=N failed=M sessions=S} (S distinct session ids), holds them all open, idle, until a line on stdin, then closes them and prints
 * {@code CLOSED}.
 */
public final class IdleClientsMain {
    static final String READY = "READY";
    static final String CLOSED = "CLOSED";
    private static final long HANDSHAKE_WAIT_S = 240;
    static final long HANDSHAKE_TIMEOUT_MS = 60_000;

    private IdleClientsMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        Semaphore inFlight = new Semaphore(Integer.parseInt(args[2]));
        SSLContext ctx = trusting(Path.of(args[3]));
        ChannelGroup open = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> sessions = ConcurrentHashMap.newKeySet();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .remoteAddress(InetAddress.getLoopbackAddress(), port)
                    .option(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SSLEngine e = ctx.createSSLEngine("localhost", port); // the session cache's key
                            e.setUseClientMode(true);
                            e.setEnabledProtocols(new String[] {"TLSv1.2"});
                            SslHandler ssl = new SslHandler(e);
                            ssl.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS); // not Netty's 10 s on 2 busy cores
                            ch.pipeline().addLast(ssl, new Outcome(inFlight, ok, failed, sessions));
                        }
                    });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANDSHAKE_WAIT_S);
            for (int i = 0; i < connections; i++) {
                if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                connect(b, open, inFlight, failed);
                if (i == 0) {
                    awaitOutcomes(1, ok, failed, deadline); // the first alone: the others resume its session
                }
            }
            awaitOutcomes(connections, ok, failed, deadline);
            System.out.println(READY + " ok=" + ok.get() + " failed=" + failed.get() + " sessions=" + sessions.size());
            System.out.flush();
            awaitLine(System.in);
            open.close().await(30, TimeUnit.SECONDS);
            System.out.println(CLOSED);
            System.out.flush();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** Connects; the connection is counted by {@link Outcome}, or here as failed if it never connected. */
    private static void connect(Bootstrap b, ChannelGroup open, Semaphore inFlight, AtomicInteger failed) {
        ChannelFuture f = b.connect();
        f.addListener(done -> {
            if (done.isSuccess()) {
                open.add(f.channel());
            } else {
                failed.incrementAndGet();
                System.err.println("connect: " + done.cause());
                inFlight.release();
            }
        });
    }

    private static void awaitOutcomes(int count, AtomicInteger ok, AtomicInteger failed, long deadline)
            throws InterruptedException {
        while (ok.get() + failed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void awaitLine(InputStream in) throws IOException {
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2"); // SunJSSE
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Counts the handshake's outcome and frees its in-flight slot; a connection is then left idle. */
    private static final class Outcome extends ChannelInboundHandlerAdapter {
        private final Semaphore inFlight;
        private final AtomicInteger ok;
        private final AtomicInteger failed;
        private final Set<String> sessions;

        Outcome(Semaphore inFlight, AtomicInteger ok, AtomicInteger failed, Set<String> sessions) {
            this.inFlight = inFlight;
            this.ok = ok;
            this.failed = failed;
            this.sessions = sessions;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    sessions.add(HexFormat.of().formatHex(ctx.pipeline().get(SslHandler.class).engine().getSession()
                            .getId()));
                }
                (e.isSuccess() ? ok : failed).incrementAndGet();
                if (!e.isSuccess()) {
                    System.err.println("handshake: " + e.cause());
                }
                inFlight.release();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("connection: " + cause);
            ctx.close();
        }
    }
}
