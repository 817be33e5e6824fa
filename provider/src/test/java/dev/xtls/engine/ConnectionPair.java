package dev.xtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.handshake.ApplicationProtocols;
import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.RenegotiationPolicy;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CertifiedKey;
import dev.xtls.x509.CredentialSource;
import dev.xtls.x509.PeerVerifier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Two TlsConnections pumped against each other in memory, without JSSE. */
final class ConnectionPair {
    final TlsConnection client;
    final TlsConnection server;
    private ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
    private ByteBuffer toClient = ByteBuffer.allocate(1 << 16);

    ConnectionPair(TlsConnection client, TlsConnection server) {
        this.client = client;
        this.server = server;
    }

    static CertifiedKey selfSigned(String keyAlgorithm, String sigAlg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(keyAlgorithm);
        g.initialize(keyAlgorithm.equals("EC") ? 256 : 2048);
        KeyPair kp = g.generateKeyPair();
        X500Principal name = new X500Principal("CN=localhost");
        long now = System.currentTimeMillis();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(now - 60_000), new Date(now + 3_600_000), name, kp.getPublic())
                .build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
        return new CertifiedKey("test", List.of(cert), kp.getPrivate());
    }

    static HandshakeConfig config(boolean client, List<CipherSuite> suites, CertifiedKey own) {
        CredentialSource credentials = new CredentialSource() {
            @Override
            public Optional<CertifiedKey> chooseServerCredential(String keyType, List<String> names) {
                return Optional.ofNullable(own).filter(k -> k.privateKey().getAlgorithm().equals(keyType));
            }

            @Override
            public Optional<CertifiedKey> chooseClientCredential(List<String> keyTypes, List<X500Principal> issuers) {
                return Optional.ofNullable(own);
            }

            @Override
            public boolean hasKeyManager() {
                return own != null;
            }
        };
        PeerVerifier trustAll = new PeerVerifier() {
            @Override
            public void verifyServer(List<X509Certificate> chain, String authType) {
            }

            @Override
            public void verifyClient(List<X509Certificate> chain, String authType) {
            }

            @Override
            public List<Bytes> acceptedIssuerNames() {
                return List.of();
            }
        };
        return new HandshakeConfig(client, List.of(ProtocolVersion.TLS12), suites,
                List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.FFDHE2048),
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256,
                        SignatureScheme.RSA_PKCS1_SHA256),
                true, ClientAuth.NONE, List.of("localhost"), "localhost", 443, 65536, true,
                ApplicationProtocols.NONE, null,
                new JcaTlsCrypto(new SecureRandom()), credentials, trustAll, System::currentTimeMillis);
    }

    /** {@code c} with another renegotiation policy. */
    static HandshakeConfig withRenegotiation(HandshakeConfig c, RenegotiationPolicy policy) {
        return copy(c, c.clientAuth(), c.extendedMasterSecret(), c.credentials(), policy);
    }

    /** {@code c} asking for client certificates as {@code auth} says. */
    static HandshakeConfig withClientAuth(HandshakeConfig c, ClientAuth auth) {
        return copy(c, auth, c.extendedMasterSecret(), c.credentials(), c.renegotiation());
    }

    static HandshakeConfig withoutExtendedMasterSecret(HandshakeConfig c) {
        return copy(c, c.clientAuth(), false, c.credentials(), c.renegotiation());
    }

    /** {@code c} with {@code own} as this side's credential. */
    static HandshakeConfig withCredential(HandshakeConfig c, CertifiedKey own) {
        return copy(c, c.clientAuth(), c.extendedMasterSecret(),
                config(c.clientMode(), c.cipherSuites(), own).credentials(), c.renegotiation());
    }

    private static HandshakeConfig copy(HandshakeConfig c, ClientAuth auth, boolean ems,
            CredentialSource credentials, RenegotiationPolicy policy) {
        return new HandshakeConfig(c.clientMode(), c.versions(), c.cipherSuites(), c.namedGroups(),
                c.signatureSchemes(), c.honorServerCipherSuiteOrder(), auth, c.serverNames(), c.peerHost(),
                c.peerPort(), c.maxHandshakeMessageSize(), ems, c.applicationProtocols(), c.serverNameMatcher(),
                c.crypto(), credentials, c.peerVerifier(), c.clock(), c.sessionStore(), c.sessionCreation(),
                c.supplementalData(), policy);
    }

    /** Runs wrap/unwrap on both sides until neither needs to; bounded. */
    void handshake() {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 100; i++) {
            boolean progress = step(client, toServer, toClient) | step(server, toClient, toServer);
            if (!progress && client.handshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.handshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                return;
            }
        }
        fail("handshake did not complete: client " + client.handshakeStatus() + ", server " + server.handshakeStatus());
    }

    private static boolean step(TlsConnection c, ByteBuffer out, ByteBuffer in) {
        boolean progress = false;
        ByteBuffer[] none = {ByteBuffer.allocate(0)};
        while (c.handshakeStatus() == HandshakeStatus.NEED_WRAP) {
            Outcome o = c.wrap(none, 0, 1, out);
            progress |= o.bytesProduced() > 0;
            if (o.bytesProduced() == 0) {
                break;
            }
        }
        in.flip();
        ByteBuffer[] app = {ByteBuffer.allocate(1 << 15)};
        while (in.hasRemaining() && c.handshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
            Outcome o = c.unwrap(in, app, 0, 1);
            if (o.status() == Status.BUFFER_UNDERFLOW) {
                break;
            }
            progress |= o.bytesConsumed() > 0;
        }
        in.compact();
        return progress;
    }

    /**
     * Delivers whatever each side has to send, handshake records and alerts alike, until nothing moves (a
     * renegotiation runs to its end this way); bounded. A side's failure is thrown.
     */
    void exchange() {
        for (int i = 0; i < 100; i++) {
            boolean progress = deliver(client, toServer, toClient) | deliver(server, toClient, toServer);
            if (!progress) {
                return;
            }
        }
        fail("the exchange did not settle: client " + client.handshakeStatus() + ", server " + server.handshakeStatus());
    }

    private static boolean deliver(TlsConnection c, ByteBuffer out, ByteBuffer in) {
        boolean progress = false;
        ByteBuffer[] none = {ByteBuffer.allocate(0)};
        for (int i = 0; i < 100 && c.handshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            progress |= c.wrap(none, 0, 1, out).bytesProduced() > 0;
        }
        in.flip();
        ByteBuffer[] app = {ByteBuffer.allocate(1 << 15)};
        try {
            for (int i = 0; i < 1000 && in.hasRemaining() && !c.isInboundDone(); i++) {
                Outcome o = c.unwrap(in, app, 0, 1);
                if (o.status() == Status.BUFFER_UNDERFLOW) {
                    break;
                }
                progress |= o.bytesConsumed() > 0;
            }
        } finally {
            in.compact();
        }
        return progress;
    }

    byte[] send(TlsConnection from, TlsConnection to, byte[] data) {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer net = ByteBuffer.allocate(TlsConnection.maxPacketSize());
        ByteBuffer received = ByteBuffer.allocate(data.length + 1024);
        for (int i = 0; i < 10_000 && src.hasRemaining(); i++) {
            net.clear();
            Outcome w = from.wrap(new ByteBuffer[] {src}, 0, 1, net);
            assertEquals(Status.OK, w.status());
            net.flip();
            Outcome u = to.unwrap(net, new ByteBuffer[] {received}, 0, 1);
            assertEquals(Status.OK, u.status());
            assertEquals(w.bytesConsumed(), u.bytesProduced());
        }
        received.flip();
        byte[] out = new byte[received.remaining()];
        received.get(out);
        return out;
    }
}
