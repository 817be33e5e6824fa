package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once the hellos chose TLS 1.2, every record must say 0x0303 (RFC 5246 §6.2.1); OpenSSL answers anything else with
 * protocol_version (SSL_R_WRONG_VERSION_NUMBER), and so does Xtls. The records are a real SunJSSE peer's.
 */
class RecordVersionAfterHelloTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static byte[] recordVersion(byte[] record, int minor) {
        record[2] = (byte) minor;
        return record;
    }

    @Test
    void clientRefusesAServerChangeCipherSpecRecordMarkedTls10WithProtocolVersion() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, SUITE);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.SERVER, Tamper.nth(WireRecord.CHANGE_CIPHER_SPEC, 0, r -> recordVersion(r, 1)))
                .build().expectHandshakeFailure();
        assertEquals("protocol_version", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        assertTrue(f.client().getMessage().contains("record version 0x0301"), f.client().getMessage());
    }

    @Test
    void serverRefusesAClientKeyExchangeRecordMarkedTls11WithProtocolVersion() {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, SUITE);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.CLIENT, Tamper.handshake(CLIENT_KEY_EXCHANGE, r -> recordVersion(r, 2)))
                .build().expectHandshakeFailure();
        assertEquals("protocol_version", f.alertReceivedBy(Role.CLIENT).orElseThrow(), f.toString());
        String message = f.of(Role.SERVER).orElseThrow().getMessage();
        assertTrue(message.contains("record version 0x0302") && message.contains("0x0303"), message);
    }

    @Test
    void serverStillAcceptsAClientHelloRecordMarkedTls10() {
        // RFC 5246 Appendix E.1: the ClientHello's record version may be {03,00}..{03,03}; OpenSSL sends 0x0301
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, SUITE);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.ecdsaP256(), SUITE);
        EnginePair pair = EnginePair.builder(client, server)
                .intercept(Role.CLIENT, Tamper.handshake(1, r -> recordVersion(r, 1))).build();
        pair.handshake();
        assertEquals("TLSv1.2", server.getSession().getProtocol());
    }
}
