package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TLS 1.2 client offering ECDHE suites without supported_groups: RFC 8422 §4 leaves the curve to the server, and
 * every ECC client supports secp256r1, so the Xtls server answers ECDHE on secp256r1 (not its first group, x25519,
 * which such a client may not know). SunJSSE's ClientHello loses the extension in flight, so the handshake ends
 * at the Finished over a changed transcript; the ServerKeyExchange before it shows the choice.
 */
class EcdheWithoutSupportedGroupsTest {
    private static final int SUPPORTED_GROUPS = 10;
    private static final int SECP256R1 = 0x0017;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
    void serverAnswersEcdheOnSecp256r1(String suite) {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, suite.contains("ECDSA") ? pki.ecdsaP256()
                : pki.rsa2048());
        EnginePair pair = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, HelloExtensions.without(PlaintextHandshake.CLIENT_HELLO, SUPPORTED_GROUPS))
                .build();
        pair.expectHandshakeFailure();
        byte[] serverKeyExchange = PlaintextHandshake.of(pair.records(Role.SERVER)).messages().stream()
                .filter(m -> m.type() == PlaintextHandshake.SERVER_KEY_EXCHANGE).findFirst().orElseThrow(
                        () -> new AssertionError("no ServerKeyExchange: " + pair.describe())).body();
        // RFC 8422 §5.4: ECParameters { curve_type named_curve(3), NamedCurve namedcurve }
        assertEquals(3, serverKeyExchange[0]);
        assertEquals(SECP256R1, ((serverKeyExchange[1] & 0xFF) << 8) | (serverKeyExchange[2] & 0xFF));
    }
}
