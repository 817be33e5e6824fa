package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensionReader;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * JDK 20's SSLParameters.setNamedGroups / setSignatureSchemes (Tomcat 11 and Netty 4.2 call them) decide what an
 * Xtls engine offers and chooses, and getSSLParameters() returns them, as SunJSSE does. The tests compile for
 * Java 17, so they reach the methods reflectively; they run on JDK 20 and later (CI: 25).
 */
@EnabledForJreRange(min = JRE.JAVA_20)
class NamedGroupsAndSignatureSchemesParametersTest {
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static Object call(SSLParameters p, String method, String... names) {
        try {
            if (method.startsWith("get")) {
                return SSLParameters.class.getMethod(method).invoke(p);
            }
            Method m = SSLParameters.class.getMethod(method, String[].class);
            return m.invoke(p, (Object) names);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }

    private static SSLEngine withGroupsAndSchemes(SSLEngine e, String[] groups, String[] schemes) {
        SSLParameters p = e.getSSLParameters();
        call(p, "setNamedGroups", groups);
        call(p, "setSignatureSchemes", schemes);
        e.setSSLParameters(p);
        return e;
    }

    @Test
    void clientOffersTheGroupsAndSchemesSetAndStillCompletesWithSunJsse() {
        SSLEngine client = Peer.XTLS.context(Peer.TLS, pki).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        withGroupsAndSchemes(client, new String[] {"secp384r1", "x25519"},
                // the last two sign the test PKI's certificates (no signature_algorithms_cert: these cover both)
                new String[] {"rsa_pss_rsae_sha256", "ecdsa_secp384r1_sha384", "rsa_pkcs1_sha256",
                        "ecdsa_secp256r1_sha256"});
        SSLEngine server = Peer.SUN.context(Peer.TLS, pki, pki.rsa2048()).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = EnginePair.builder(client, server).build();
        pair.handshake();
        assertArrayEquals(HelloFields.hex("00040018001d"),
                HelloExtensionReader.extension(pair, Role.CLIENT, SUPPORTED_GROUPS));
        assertArrayEquals(HelloFields.hex("00080804050304010403"),
                HelloExtensionReader.extension(pair, Role.CLIENT, SIGNATURE_ALGORITHMS));
        assertEquals("TLSv1.3", client.getSession().getProtocol());
    }

    @Test
    void serverChoosesFromTheGroupsAndSchemesSet() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        SSLEngine server = withGroupsAndSchemes(Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048()),
                new String[] {"secp384r1"}, new String[] {"rsa_pss_rsae_sha384"});
        EnginePair pair = EnginePair.builder(client, server).build();
        pair.handshake();
        byte[] ske = PlaintextHandshake.of(pair.records(Role.SERVER)).messages().stream()
                .filter(m -> m.type() == PlaintextHandshake.SERVER_KEY_EXCHANGE).findFirst().orElseThrow().body();
        // RFC 8422 §5.4: curve_type, namedcurve, opaque point<1..2^8-1>, then DigitallySigned's scheme
        assertEquals(0x0018, ((ske[1] & 0xFF) << 8) | (ske[2] & 0xFF));
        int scheme = 3 + 1 + (ske[3] & 0xFF);
        assertEquals(0x0805, ((ske[scheme] & 0xFF) << 8) | (ske[scheme + 1] & 0xFF));
    }

    @Test
    void getSslParametersReturnsWhatWasSetAndTheDefaultsAsSunJsseDoes() {
        SSLEngine xtls = Peer.XTLS.context(Peer.TLS, pki).createSSLEngine();
        SSLEngine sun = Peer.SUN.context(Peer.TLS, pki).createSSLEngine();
        // by default: the groups in use, no schemes (null)
        assertArrayEquals(new String[] {"x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048",
                "ffdhe3072", "ffdhe4096"}, (String[]) call(xtls.getSSLParameters(), "getNamedGroups"));
        assertNull(call(xtls.getSSLParameters(), "getSignatureSchemes"));
        assertNull(call(sun.getSSLParameters(), "getSignatureSchemes"));
        for (SSLEngine e : new SSLEngine[] {xtls, sun}) {
            withGroupsAndSchemes(e, new String[] {"secp384r1", "no-such-group"},
                    new String[] {"ed25519", "rsa_pkcs1_sha256"});
            SSLParameters p = e.getSSLParameters();
            assertEquals("[secp384r1, no-such-group] [ed25519, rsa_pkcs1_sha256]",
                    Arrays.toString((String[]) call(p, "getNamedGroups")) + " "
                            + Arrays.toString((String[]) call(p, "getSignatureSchemes")), e.getClass().getName());
        }
        xtls.setSSLParameters(new SSLParameters()); // null lists: back to the defaults
        assertEquals(8, ((String[]) call(xtls.getSSLParameters(), "getNamedGroups")).length);
        assertNull(call(xtls.getSSLParameters(), "getSignatureSchemes"));
    }
}
