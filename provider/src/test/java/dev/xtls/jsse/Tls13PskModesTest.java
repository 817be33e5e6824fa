package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * psk_key_exchange_modes (RFC 8446 §4.2.9) as {@value SessionTickets#TLS13_PSK_MODES} configures them, between Xtls
 * engines: psk_dhe_ke alone by default on both sides; psk_ke resumes without key_share only where both sides
 * allow it, and a server prefers psk_dhe_ke when the client offers both. OpenSSL both ways is in the it-tests.
 */
class Tls13PskModesTest {
    private static final byte[] DHE_ONLY = {1, 1};
    private static final byte[] KE_ONLY = {1, 0};
    private static TestPki pki;
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final XtlsSessionContext clientCache = new XtlsSessionContext(now::get, true);
    private final XtlsSessionContext serverCache = new XtlsSessionContext(now::get);
    private final SessionTickets serverTickets = new SessionTickets(serverCache, now::get);
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private ContextState context(String modes, XtlsSessionContext clients, XtlsSessionContext servers,
            SessionTickets tickets) {
        Map<String, String> properties = new HashMap<>();
        if (modes != null) {
            properties.put(SessionTickets.TLS13_PSK_MODES, modes);
        }
        ContextState state = new ContextState(pki.keyManager(pki.ecdsaP256()), pki.trustManager(), random,
                TestContexts.defaults(Map.of(), Map.of()), clients, servers, tickets, JcaTlsCrypto::new, now::get);
        try {
            tickets.configure(properties::get, state::crypto);
        } catch (KeyManagementException e) {
            throw new AssertionError(e);
        }
        return state;
    }

    private SSLEngine client(String modes) {
        XtlsSessionContext unused = new XtlsSessionContext(now::get);
        XtlsSSLEngine e = new XtlsSSLEngine(context(modes, clientCache, unused, new SessionTickets(unused, now::get)),
                "localhost", 443);
        e.setUseClientMode(true);
        return tls13(e);
    }

    /** The server's modes; its ticket keys stay from one call to the next, as across a second init. */
    private SSLEngine server(String modes) {
        XtlsSSLEngine e = new XtlsSSLEngine(context(modes, new XtlsSessionContext(now::get), serverCache,
                serverTickets), null, -1);
        e.setUseClientMode(false);
        return tls13(e);
    }

    private static SSLEngine tls13(SSLEngine e) {
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    private static byte[] sent(EnginePair pair, Role from, int type) {
        return HelloExtensionReader.extension(pair, from, type, true);
    }

    private boolean clientHasTicket() {
        return clientCache.findForPeer("localhost", 443).isPresent();
    }

    @Test
    void byDefaultBothSidesUsePskDheKeOnly() {
        EnginePair first = Tls13ResumptionTest.connect(client(null), server(null));
        assertArrayEquals(DHE_ONLY, sent(first, Role.CLIENT, HelloExtensionReader.PSK_KEY_EXCHANGE_MODES));
        EnginePair second = Tls13ResumptionTest.connect(client(null), server(null));
        assertTrue(HelloExtensionReader.resumedTls13(second));
        assertNotNull(sent(second, Role.SERVER, HelloExtensionReader.KEY_SHARE));
    }

    @Test
    void pskKeOnBothSidesResumesWithoutAKeyShare() {
        Tls13ResumptionTest.connect(client("psk_ke"), server("psk_ke"));
        SSLEngine client = client("psk_ke");
        EnginePair second = Tls13ResumptionTest.connect(client, server("psk_ke"));
        assertArrayEquals(KE_ONLY, sent(second, Role.CLIENT, HelloExtensionReader.PSK_KEY_EXCHANGE_MODES));
        assertTrue(HelloExtensionReader.resumedTls13(second));
        assertNull(sent(second, Role.SERVER, HelloExtensionReader.KEY_SHARE), "§4.2.9 psk_ke: no (EC)DHE");
        assertNull(((XtlsSession) client.getSession()).details().group());
        assertTrue(clientHasTicket(), "a psk_ke connection gets tickets too");
        assertTrue(HelloExtensionReader.resumedTls13(Tls13ResumptionTest.connect(client("psk_ke"),
                server("psk_ke"))), "and resumes from them");
    }

    @Test
    void aServerAllowingBothPrefersPskDheKeWhenTheClientOffersBoth() {
        String both = "psk_ke,psk_dhe_ke";
        EnginePair first = Tls13ResumptionTest.connect(client(both), server(both));
        assertArrayEquals(new byte[] {2, 0, 1}, sent(first, Role.CLIENT, HelloExtensionReader.PSK_KEY_EXCHANGE_MODES));
        EnginePair second = Tls13ResumptionTest.connect(client(both), server(both));
        assertTrue(HelloExtensionReader.resumedTls13(second));
        assertNotNull(sent(second, Role.SERVER, HelloExtensionReader.KEY_SHARE));
    }

    @Test
    void aDefaultServerIgnoresAPskKeOnlyOfferAndSendsNoTicket() {
        Tls13ResumptionTest.connect(client("psk_ke"), server("psk_ke,psk_dhe_ke"));
        EnginePair second = Tls13ResumptionTest.connect(client("psk_ke"), server(null));
        assertNotNull(sent(second, Role.CLIENT, HelloExtensionReader.PRE_SHARED_KEY), "the client offers it");
        assertFalse(HelloExtensionReader.resumedTls13(second), "§4.2.9: a full handshake");
        assertNotNull(sent(second, Role.SERVER, HelloExtensionReader.KEY_SHARE));
        assertFalse(clientHasTicket(), "§4.6.1: no ticket for a client that cannot use it here");
    }

    @Test
    void aPskKeOnlyServerIgnoresADefaultClientsTicket() {
        Tls13ResumptionTest.connect(client(null), server("psk_ke,psk_dhe_ke"));
        EnginePair second = Tls13ResumptionTest.connect(client(null), server("psk_ke"));
        assertNotNull(sent(second, Role.CLIENT, HelloExtensionReader.PRE_SHARED_KEY));
        assertFalse(HelloExtensionReader.resumedTls13(second));
    }

    @Test
    void aResumingServerHelloWithoutKeyShareAfterAPskDheKeOnlyOfferIsMissingExtension() {
        Tls13ResumptionTest.connect(client(null), server(null));
        EnginePair.Failure f = EnginePair.builder(client(null), server(null)).lenient()
                .intercept(Role.SERVER, withoutKeyShare()).build().expectHandshakeFailure();
        assertEquals("missing_extension", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.of(Role.CLIENT).orElseThrow().getMessage().contains("psk_ke"),
                f.of(Role.CLIENT).orElseThrow().getMessage());
    }

    /** Drops key_share from the ServerHello (the server's first handshake record), fixing the three lengths. */
    private static UnaryOperator<ByteBuffer> withoutKeyShare() {
        return new UnaryOperator<>() {
            private boolean done;

            @Override
            public ByteBuffer apply(ByteBuffer record) {
                byte[] b = new byte[record.remaining()];
                record.duplicate().get(b);
                if (done || b[0] != WireRecord.HANDSHAKE) {
                    return record;
                }
                done = true;
                ByteBuffer in = ByteBuffer.wrap(b);
                int extensions = WireRecord.HEADER_LENGTH + 4 + 2 + 32;
                extensions += 1 + (b[extensions] & 0xFF) + 3; // session id, suite, compression
                int end = extensions + 2 + (in.getShort(extensions) & 0xFFFF);
                for (int at = extensions + 2; at < end; ) {
                    int length = 4 + (in.getShort(at + 2) & 0xFFFF);
                    if ((in.getShort(at) & 0xFFFF) == HelloExtensionReader.KEY_SHARE) {
                        ByteBuffer out = ByteBuffer.allocate(b.length - length);
                        out.put(b, 0, at).put(b, at + length, b.length - at - length);
                        out.putShort(3, (short) (out.capacity() - WireRecord.HEADER_LENGTH));
                        int body = out.capacity() - WireRecord.HEADER_LENGTH - 4;
                        out.put(WireRecord.HEADER_LENGTH + 1, (byte) (body >> 16)).putShort(WireRecord.HEADER_LENGTH
                                + 2, (short) body);
                        out.putShort(extensions, (short) (end - extensions - 2 - length));
                        return out.flip();
                    }
                    at += length;
                }
                throw new AssertionError("no key_share in the ServerHello");
            }
        };
    }

    @Test
    void anUnknownModeNameFailsInit() {
        SessionTickets tickets = new SessionTickets(serverCache, now::get);
        KeyManagementException e = assertThrows(KeyManagementException.class, () -> tickets.configure(
                Map.of(SessionTickets.TLS13_PSK_MODES, "psk_dhe_ke, psk_none")::get,
                () -> new JcaTlsCrypto(random)));
        assertTrue(e.getMessage().contains(SessionTickets.TLS13_PSK_MODES) && e.getMessage().contains("psk_none"),
                e.getMessage());
    }
}
