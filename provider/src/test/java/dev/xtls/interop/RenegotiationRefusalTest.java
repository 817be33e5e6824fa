package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real peer (SunJSSE) asks an established Xtls connection to renegotiate (RFC 5246 §7.4.1.1). */
class RenegotiationRefusalTest {
    private static final String ECDSA_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void aSunJsseClientsRenegotiationGetsNoRenegotiation() throws Exception {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, ECDSA_128);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), ECDSA_128);
        EnginePair pair = EnginePair.builder(client, server).lenient().build();
        pair.handshake();
        client.beginHandshake(); // SunJSSE sends an encrypted ClientHello
        EnginePair.Failure f = pair.expectTransferFailure(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        // Xtls parsed the real ClientHello and answered no_renegotiation; SunJSSE gives up its renegotiation
        // JDK 17 reports the warning as received; JDK 25 turns it into its own handshake_failure, naming it
        String received = f.alertReceivedBy(Role.CLIENT).orElseThrow() + " / " + f.client().getMessage();
        assertTrue(received.contains("no_renegotiation"), received);
        assertEquals("handshake_failure", f.alertReceivedBy(Role.SERVER).orElseThrow());
    }
}
