package dev.xtls.it.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xtls.XtlsProvider;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gRPC-java over its shaded Netty with TLS on Xtls at both ends: Netty's JDK {@code SslProvider} with
 * {@code sslContextProvider(Xtls)}, ALPN "h2" (RFC 7301; gRPC needs HTTP/2). A unary and a server-streaming call
 * end to end; the server sees an Xtls TLS 1.3 session that negotiated h2.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcIT {
    /** ALPN h2 only, as GrpcSslContexts configures it for the providers it knows. */
    static final ApplicationProtocolConfig H2 = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);
    static TestPki pki;

    final BlockingQueue<SSLSession> serverSessions = new LinkedBlockingQueue<>();
    Server server;
    ManagedChannel channel;
    SslContext clientContext;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @BeforeEach
    void start() throws Exception {
        Credential credential = pki.ecdsaP256();
        SslContext serverContext = SslContextBuilder.forServer(credential.key(), credential.chain())
                .sslProvider(SslProvider.JDK).sslContextProvider(new XtlsProvider()).applicationProtocolConfig(H2)
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(serverContext)
                .addService(ServerInterceptors.intercept(EchoService.definition(), new SessionRecorder()))
                .build().start();
        clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .sslContextProvider(new XtlsProvider()).trustManager(pki.trustManager()).applicationProtocolConfig(H2)
                .build();
        channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).sslContext(clientContext).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unaryCall() throws Exception {
        assertEquals("HELLO XTLS", ClientCalls.blockingUnaryCall(channel, EchoService.UPPER, CallOptions.DEFAULT
                .withDeadlineAfter(20, TimeUnit.SECONDS), "hello xtls"));
        assertBothEndsOnXtls();
    }

    @Test
    void serverStreamingCall() throws Exception {
        Iterator<String> answers = ClientCalls.blockingServerStreamingCall(channel, EchoService.COUNT,
                CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "500");
        List<String> received = new ArrayList<>();
        answers.forEachRemaining(received::add);
        assertEquals(IntStream.range(0, 500).mapToObj(i -> "500:" + i).toList(), received);
        assertBothEndsOnXtls();
    }

    /** gRPC's helper configures only SunJSSE and Conscrypt: with Xtls, set ALPN h2 on SslContextBuilder instead. */
    @Test
    void grpcSslContextsRefusesProvidersItDoesNotKnow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GrpcSslContexts.configure(SslContextBuilder.forClient(), new XtlsProvider()));
        assertNotNull(e.getMessage());
    }

    private void assertBothEndsOnXtls() throws InterruptedException {
        assertEquals("Xtls", ((JdkSslContext) clientContext).context().getProvider().getName());
        SSLSession session = serverSessions.poll(10, TimeUnit.SECONDS);
        assertNotNull(session, "the server recorded no TLS session");
        XtlsSession xtls = assertInstanceOf(XtlsSession.class, session);
        assertEquals("TLSv1.3", xtls.getProtocol());
        assertEquals("h2", xtls.details().applicationProtocol());
    }

    /** Records the TLS session of every call the server receives. */
    private final class SessionRecorder implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            serverSessions.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
            return next.startCall(call, headers);
        }
    }
}
