package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.engine.TlsConnection;
import dev.xtls.session.SessionState;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.TestCertificates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class XtlsSessionTest {
    private static final Bytes ID = Bytes.fromHex("0102030405060708");

    private static SessionState established() {
        return SessionState.initial("example.com", 443, 1_000L)
                .withNegotiated(ID, ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
    }

    /** Records the events it receives as "bound name" / "unbound name". */
    private static final class Listener implements SSLSessionBindingListener {
        final List<String> events = new ArrayList<>();
        final List<Object> sources = new ArrayList<>();

        @Override
        public void valueBound(SSLSessionBindingEvent event) {
            events.add("bound " + event.getName());
            sources.add(event.getSession());
        }

        @Override
        public void valueUnbound(SSLSessionBindingEvent event) {
            events.add("unbound " + event.getName());
            sources.add(event.getSession());
        }
    }

    @Test
    void bindingAListenerTellsItAndReplacingItTellsTheOldOneFirst() {
        XtlsSession s = new XtlsSession(established());
        Listener first = new Listener();
        Listener second = new Listener();
        s.putValue("k", first);
        assertEquals(List.of("bound k"), first.events);
        assertSame(s, first.sources.get(0));
        s.putValue("k", second);
        assertEquals(List.of("bound k", "unbound k"), first.events);
        assertEquals(List.of("bound k"), second.events);
        assertSame(second, s.getValue("k"));
    }

    @Test
    void removingAValueUnbindsItAndForgetsTheName() {
        XtlsSession s = new XtlsSession(established());
        Listener l = new Listener();
        s.putValue("a", l);
        s.putValue("b", "plain");
        assertEquals(Set.of("a", "b"), Set.of(s.getValueNames()));
        s.removeValue("a");
        assertEquals(List.of("bound a", "unbound a"), l.events);
        assertNull(s.getValue("a"));
        assertArrayEquals(new String[] {"b"}, s.getValueNames());
        s.removeValue("never-there");
    }

    @Test
    void refusesNullNamesAndValues() {
        XtlsSession s = new XtlsSession(established());
        assertThrows(IllegalArgumentException.class, () -> s.putValue(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> s.putValue("k", null));
        assertThrows(IllegalArgumentException.class, () -> s.getValue(null));
        assertThrows(IllegalArgumentException.class, () -> s.removeValue(null));
    }

    @Test
    void aSessionBeforeNegotiationReadsAsTheNullSession() {
        XtlsSession s = new XtlsSession(SessionState.initial("example.com", 443, 5L));
        assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
        assertEquals("NONE", s.getProtocol());
        assertFalse(s.isValid());
        assertEquals(5L, s.getCreationTime());
        assertEquals(5L, s.getLastAccessedTime());
        assertEquals("example.com", s.getPeerHost());
        assertEquals(443, s.getPeerPort());
        assertThrows(SSLPeerUnverifiedException.class, s::getPeerPrincipal);
        assertNull(s.getLocalPrincipal());
        assertEquals(0, s.getLocalSupportedSignatureAlgorithms().length);
        assertEquals(List.of(), s.getRequestedServerNames());
        assertEquals(List.of(), s.getStatusResponses());
    }

    @Test
    void anEstablishedSessionReportsWhatWasNegotiated() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("CN=Test CA");
        TestCertificates.Issued peer = TestCertificates.leaf(ca, "CN=peer", List.of("peer"));
        TestCertificates.Issued local = TestCertificates.leaf(ca, "CN=local", List.of("local"));
        XtlsSession s = new XtlsSession(established()
                .withPeerCertificates(List.of(peer.certificate(), ca.certificate()))
                .withLocalCertificates(List.of(local.certificate()), null));
        assertEquals("TLSv1.2", s.getProtocol());
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", s.getCipherSuite());
        assertArrayEquals(ID.toByteArray(), s.getId());
        assertTrue(s.isValid());
        assertEquals(2, s.getPeerCertificates().length);
        assertEquals(new X500Principal("CN=peer"), s.getPeerPrincipal());
        assertEquals(new X500Principal("CN=local"), s.getLocalPrincipal());
        assertEquals(1, s.getLocalCertificates().length);
        assertEquals(TlsConnection.maxPacketSize(), s.getPacketBufferSize());
        assertEquals(TlsConnection.maxApplicationSize(), s.getApplicationBufferSize());
    }

    @Test
    void signatureAlgorithmsUseTheJavaStandardNamesTheJdkManagersExpect() {
        XtlsSession s = new XtlsSession(established().withSignatureSchemes(
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256,
                        SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PKCS1_SHA512),
                List.of(SignatureScheme.ED25519, new SignatureScheme(0x0A0A))));
        assertArrayEquals(new String[] {"SHA256withECDSA", "RSASSA-PSS", "SHA512withRSA"},
                s.getLocalSupportedSignatureAlgorithms());
        assertArrayEquals(new String[] {"Ed25519", "unknown(0x0A0A)"}, s.getPeerSupportedSignatureAlgorithms());
    }

    @Test
    void requestedServerNamesAreHostNames() {
        XtlsSession s = new XtlsSession(established().withServerNames(List.of("example.com", "bad name!")));
        assertEquals(List.of(new SNIHostName("example.com")), s.getRequestedServerNames());
    }

    @Test
    void invalidatingRemovesTheSessionFromItsContext() {
        XtlsSessionContext context = new XtlsSessionContext(() -> 2_000L);
        XtlsSession s = new XtlsSession(established());
        s.attach(context);
        assertSame(context, s.getSessionContext());
        assertSame(s, context.getSession(ID.toByteArray()));
        s.invalidate();
        assertFalse(s.isValid());
        assertNull(context.getSession(ID.toByteArray()));
    }

    @Test
    void valuesBoundDuringTheHandshakeStayAfterTheStateIsUpdated() {
        XtlsSession s = new XtlsSession(SessionState.initial("example.com", 443, 1L));
        s.putValue("k", "v");
        s.update(established());
        assertEquals("v", s.getValue("k"));
        assertEquals("TLSv1.2", s.getProtocol());
    }
}
