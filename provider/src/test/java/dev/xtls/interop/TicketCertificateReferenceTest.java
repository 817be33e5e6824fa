package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.Credential;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.TicketKeyFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Xtls server's ticket names its own certificate chain (key manager alias and leaf digest) instead of carrying
 * it: the ticket a peer client holds does not grow with the server's chain, peers still resume by it with the
 * full handshake's chain on the resumed session, and a server whose alias now names another certificate (or none)
 * makes a full handshake on it. Ticket lengths are read from the peer client's resumption ClientHello: the
 * SessionTicket extension (RFC 5077 §3.2) or the pre_shared_key identity (RFC 8446 §4.2.11).
 */
class TicketCertificateReferenceTest {
    private static final int SESSION_TICKET = 35;
    private static TestPki pki;
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLContext xtlsServer(Path keyFile, Credential credential) throws Exception {
        SSLContext ctx = Peer.XTLS.context("TLS", pki, credential);
        Xtls.useSessionTicketKeys(ctx, keyFile);
        return ctx;
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair connect(SSLContext client, SSLContext server, String protocol) {
        EnginePair pair = EnginePair.of(engine(client, Role.CLIENT, protocol), engine(server, Role.SERVER, protocol),
                EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        pair.assertLegalResults();
        return pair;
    }

    private static boolean resumed(EnginePair pair, String protocol) {
        return "TLSv1.3".equals(protocol) ? HelloExtensionReader.resumedTls13(pair)
                : !PlaintextHandshake.of(pair.records(Role.SERVER)).has(PlaintextHandshake.CERTIFICATE);
    }

    /** The length of the ticket the client offers in its ClientHello; -1 when it offers none. */
    private static int offeredTicketLength(EnginePair pair, String protocol) {
        if ("TLSv1.2".equals(protocol)) {
            byte[] ticket = HelloExtensionReader.extension(pair, Role.CLIENT, SESSION_TICKET);
            return ticket == null || ticket.length == 0 ? -1 : ticket.length;
        }
        byte[] psk = HelloExtensionReader.extension(pair, Role.CLIENT, HelloExtensionReader.PRE_SHARED_KEY);
        if (psk == null) {
            return -1;
        }
        // RFC 8446 §4.2.11: PskIdentity identities<7..2^16-1>, the first identity's opaque identity<1..2^16-1>
        ByteBuffer b = ByteBuffer.wrap(psk);
        b.getShort();
        return b.getShort() & 0xFFFF;
    }

    private static int derLength(Credential c) throws CertificateEncodingException {
        int n = 0;
        for (X509Certificate cert : c.chain()) {
            n += cert.getEncoded().length;
        }
        return n;
    }

    /** The ticket a SunJSSE client received from an Xtls server with {@code credential}, as it offers it again. */
    private static int ticketLengthFor(Credential credential, String protocol) throws Exception {
        SSLContext client = Peer.SUN.context("TLS", pki);
        SSLContext server = xtlsServer(TicketKeyFiles.withNewKey(dir), credential);
        connect(client, server, protocol);
        EnginePair second = connect(client, server, protocol);
        assertTrue(resumed(second, protocol), protocol + ": SunJSSE resumed with the " + credential.name() + " server");
        return offeredTicketLength(second, protocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theTicketAPeerHoldsDoesNotGrowWithTheServersCertificateChain(String protocol) throws Exception {
        Credential longChain = pki.rsa4096Chain();
        int shortTicket = ticketLengthFor(pki.ecdsaP256(), protocol);
        int longTicket = ticketLengthFor(longChain, protocol);
        int chainLength = derLength(longChain);
        // the aliases "ecdsa-p256" and "rsa-4096-chain" differ by 4 bytes; the rest of the state is the same size
        assertTrue(Math.abs(longTicket - shortTicket) <= 8, protocol + ": the ticket is " + shortTicket
                + " bytes with an ECDSA leaf and " + longTicket + " bytes with a " + chainLength + "-byte RSA chain");
        assertTrue(longTicket < chainLength / 8, protocol + ": a " + longTicket + "-byte ticket for a "
                + chainLength + "-byte chain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUN TLSv1.2", "SUN TLSv1.3"}) // Bouncy Castle JSSE offers no ticket in either version
    void peerClientsResumeByTicketAndTheResumedSessionShowsTheFullHandshakesChain(String peerAndProtocol)
            throws Exception {
        Peer peer = Peer.valueOf(peerAndProtocol.split(" ")[0]);
        String protocol = peerAndProtocol.split(" ")[1];
        Credential credential = pki.rsa4096Chain();
        SSLContext client = peer.context("TLS", pki);
        SSLContext server = xtlsServer(TicketKeyFiles.withNewKey(dir), credential);
        EnginePair first = connect(client, server, protocol);
        EnginePair second = connect(client, server, protocol);
        assertTrue(offeredTicketLength(second, protocol) > 0, peerAndProtocol + ": the client offered the ticket");
        assertTrue(resumed(second, protocol), peerAndProtocol + ": resumed by the ticket");
        Certificate[] full = first.engine(Role.SERVER).getSession().getLocalCertificates();
        assertEquals(List.of(credential.chain()), List.of(full));
        assertEquals(List.of(full), List.of(second.engine(Role.SERVER).getSession().getLocalCertificates()),
                peerAndProtocol + ": the resumed session's local certificates");
        assertEquals(List.of(full), List.of(second.engine(Role.CLIENT).getSession().getPeerCertificates()),
                peerAndProtocol + ": the client's resumed session's peer certificates");
        // TLS 1.3: the ticket the resumed connection issued names the chain the PSK's session had
        EnginePair third = connect(client, server, protocol);
        assertTrue(resumed(third, protocol), peerAndProtocol + ": resumed again");
        assertEquals(List.of(full), List.of(third.engine(Role.SERVER).getSession().getLocalCertificates()),
                peerAndProtocol + ": the second resumption's local certificates");
    }

    /** Runs {@code action} with System.Logger "dev.xtls.handshake" at DEBUG (JUL FINE), its messages into {@code into}. */
    private static <T> T withDebugLog(List<String> into, Supplier<T> action) {
        Logger jul = Logger.getLogger("dev.xtls.handshake");
        Level before = jul.getLevel();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                into.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        jul.setLevel(Level.FINE);
        try {
            return action.get();
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(before);
        }
    }

    /**
     * A fleet member (same ticket keys) whose key manager's alias names another certificate, after a key rotation,
     * or lacks the alias: the ticket is not used, the handshake is a full one with the member's own certificate.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2 rotated", "TLSv1.2 missing", "TLSv1.3 rotated", "TLSv1.3 missing"})
    void aServerWhoseAliasNoLongerNamesTheTicketsCertificateMakesAFullHandshake(String protocolAndCase)
            throws Exception {
        String protocol = protocolAndCase.split(" ")[0];
        Credential issuedWith = pki.ecdsaP256();
        Credential now = protocolAndCase.endsWith("rotated")
                ? new Credential(issuedWith.name(), pki.ecdsaP384().key(), pki.ecdsaP384().chain())
                : pki.ecdsaP384();
        Path keys = TicketKeyFiles.withNewKey(dir);
        SSLContext client = Peer.SUN.context("TLS", pki);
        connect(client, xtlsServer(keys, issuedWith), protocol);
        SSLContext member = xtlsServer(keys, now);
        List<String> debug = new ArrayList<>();
        EnginePair second = withDebugLog(debug, () -> connect(client, member, protocol));
        // the alias as Xtls's PKIX key manager writes it: "<builder>.<entry>.ecdsa-p256"
        String why = protocolAndCase.endsWith("rotated") ? "ecdsa-p256\" now names another certificate"
                : "no longer has the alias \"";
        assertTrue(debug.stream().anyMatch(m -> m.startsWith("session ticket not used, full handshake: ")
                && m.contains(why) && m.contains("ecdsa-p256")),
                protocolAndCase + ": the debug log says why: " + debug);
        assertNotNull(HelloExtensionReader.extension(second, Role.CLIENT,
                "TLSv1.2".equals(protocol) ? SESSION_TICKET : HelloExtensionReader.PRE_SHARED_KEY));
        assertTrue(offeredTicketLength(second, protocol) > 0, protocolAndCase + ": SunJSSE offered the ticket");
        assertFalse(resumed(second, protocol), protocolAndCase + ": the ticket was not used");
        assertEquals(List.of(now.chain()), List.of(second.engine(Role.SERVER).getSession().getLocalCertificates()),
                protocolAndCase + ": the full handshake's certificate");
    }
}
