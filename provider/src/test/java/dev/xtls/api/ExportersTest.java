package dev.xtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Mode;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Xtls.exportKeyingMaterial and Xtls.tlsExporterChannelBinding (RFC 8446 §7.5, RFC 5705, RFC 9266): both ends of a
 * connection agree, different inputs give different keys, TLS 1.2 exports only with the extended master secret
 * (RFC 7627 §5.4), and nothing is exported before the handshake or after close. On JDK 25, SunJSSE's
 * ExtendedSSLSession.exportKeyingMaterialData is the independent implementation the values are compared with.
 */
class ExportersTest {
    private static final String TLS13 = "TLSv1.3";
    private static final String TLS12 = "TLSv1.2";
    private static final byte[] CONTEXT = "context".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine engine(Peer peer, Role role, String protocol) {
        SSLEngine e = peer.engine(role, pki, role == Role.SERVER ? pki.ecdsaP256() : null);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        if (protocol.equals(TLS13)) { // a TLSv1.2 SunJSSE context enables no 1.3 suite on its client
            String[] suites = TLS13_SUITES.toArray(new String[0]);
            p.setCipherSuites(suites);
        }
        e.setSSLParameters(p);
        return e;
    }

    private static EnginePair connected(SSLEngine client, SSLEngine server) {
        EnginePair pair = EnginePair.of(client, server, Mode.NORMAL);
        pair.handshake();
        return pair;
    }

    @ParameterizedTest
    @ValueSource(strings = {TLS13, TLS12})
    void bothEndsExportTheSameKeysAndDifferentInputsGiveDifferentKeys(String protocol) {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, protocol);
        SSLEngine server = engine(Peer.XTLS, Role.SERVER, protocol);
        EnginePair pair = connected(client, server);
        assertEquals(protocol, client.getSession().getProtocol());
        byte[] c = Xtls.exportKeyingMaterial(client, "EXPORTER-test", CONTEXT, 48);
        assertEquals(48, c.length);
        assertArrayEquals(c, Xtls.exportKeyingMaterial(server, "EXPORTER-test", CONTEXT, 48));
        assertFalse(Arrays.equals(c, Xtls.exportKeyingMaterial(client, "EXPORTER-other", CONTEXT, 48)));
        assertFalse(Arrays.equals(c, Xtls.exportKeyingMaterial(client, "EXPORTER-test", new byte[1], 48)));
        byte[] binding = Xtls.tlsExporterChannelBinding(client);
        assertEquals(32, binding.length);
        assertArrayEquals(binding, Xtls.tlsExporterChannelBinding(server));
        // RFC 5705 §4: TLS 1.2 tells no context from an empty one; RFC 8446 §7.5: TLS 1.3 does not
        boolean same = Arrays.equals(Xtls.exportKeyingMaterial(client, "EXPORTER-test", null, 32),
                Xtls.exportKeyingMaterial(client, "EXPORTER-test", new byte[0], 32));
        assertEquals(protocol.equals(TLS13), same);
        pair.closeBoth();
        pair.assertLegalResults();
    }

    @Test
    void aNewConnectionExportsOtherKeys() {
        EnginePair first = connected(engine(Peer.XTLS, Role.CLIENT, TLS13), engine(Peer.XTLS, Role.SERVER, TLS13));
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, TLS13);
        EnginePair second = connected(client, engine(Peer.XTLS, Role.SERVER, TLS13));
        assertFalse(Arrays.equals(Xtls.tlsExporterChannelBinding(first.engine(Role.CLIENT)),
                Xtls.tlsExporterChannelBinding(client)));
        first.closeBoth();
        second.closeBoth();
    }

    @Test
    void nothingIsExportedBeforeTheHandshakeOrAfterClose() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, TLS13);
        IllegalStateException before = assertThrows(IllegalStateException.class,
                () -> Xtls.tlsExporterChannelBinding(client));
        assertTrue(before.getMessage().contains("no handshake"), before.getMessage());
        EnginePair pair = connected(client, engine(Peer.XTLS, Role.SERVER, TLS13));
        pair.closeBoth();
        IllegalStateException after = assertThrows(IllegalStateException.class,
                () -> Xtls.tlsExporterChannelBinding(client));
        assertTrue(after.getMessage().contains("closed"), after.getMessage());
    }

    @Test
    void aTls12SessionWithoutExtendedMasterSecretExportsNothing() {
        SSLEngine server;
        String previous = System.getProperty("jdk.tls.useExtendedMasterSecret");
        System.setProperty("jdk.tls.useExtendedMasterSecret", "false"); // read when the Xtls context is made
        try {
            server = engine(Peer.XTLS, Role.SERVER, TLS12);
        } finally {
            if (previous == null) {
                System.clearProperty("jdk.tls.useExtendedMasterSecret");
            } else {
                System.setProperty("jdk.tls.useExtendedMasterSecret", previous);
            }
        }
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, TLS12);
        EnginePair pair = connected(client, server);
        for (SSLEngine e : List.of(client, server)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Xtls.exportKeyingMaterial(e, "EXPORTER-test", null, 32));
            assertTrue(refused.getMessage().contains("extended master secret"), refused.getMessage());
        }
        pair.closeBoth();
    }

    @Test
    void badInputsAreRefusedWithTheRule() {
        SSLEngine client = engine(Peer.XTLS, Role.CLIENT, TLS13);
        EnginePair pair = connected(client, engine(Peer.XTLS, Role.SERVER, TLS13));
        assertThrows(IllegalArgumentException.class, () -> Xtls.exportKeyingMaterial(client, "", null, 32));
        assertThrows(IllegalArgumentException.class, () -> Xtls.exportKeyingMaterial(client, "EXPORTER-x", null, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Xtls.exportKeyingMaterial(client, "EXPORTER-x", new byte[0x10000], 32));
        assertThrows(IllegalArgumentException.class,
                () -> Xtls.tlsExporterChannelBinding(Peer.SUN.engine(Role.CLIENT, pki, null)));
        pair.closeBoth();
    }

    /** JDK 25 added ExtendedSSLSession.exportKeyingMaterialData (JDK-8341346): SunJSSE's own exporter. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3 SunJSSE client", "TLSv1.3 SunJSSE server", "TLSv1.2 SunJSSE client",
            "TLSv1.2 SunJSSE server"})
    void sunJsseOnJdk25ExportsTheSameKeys(String setup) throws Exception {
        Method sunExport;
        try {
            sunExport = javax.net.ssl.ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class,
                    byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            sunExport = null;
        }
        assumeTrue(sunExport != null, "ExtendedSSLSession.exportKeyingMaterialData is in JDK 25 and later");
        String protocol = setup.substring(0, 7);
        Role sunRole = setup.endsWith("client") ? Role.CLIENT : Role.SERVER;
        SSLEngine sun = engine(Peer.SUN, sunRole, protocol);
        SSLEngine xtls = engine(Peer.XTLS, sunRole.peer(), protocol);
        EnginePair pair = sunRole == Role.CLIENT ? connected(sun, xtls) : connected(xtls, sun);
        assertEquals(protocol, sun.getSession().getProtocol());
        SSLSession session = sun.getSession();
        for (byte[] context : Arrays.asList(CONTEXT, new byte[0])) {
            byte[] theirs;
            try {
                theirs = (byte[]) sunExport.invoke(session, "EXPORTER-test", context, 40);
            } catch (InvocationTargetException e) {
                throw new AssertionError("SunJSSE did not export", e.getCause());
            }
            assertArrayEquals(theirs, Xtls.exportKeyingMaterial(xtls, "EXPORTER-test", context, 40));
        }
        pair.closeBoth();
    }
}
