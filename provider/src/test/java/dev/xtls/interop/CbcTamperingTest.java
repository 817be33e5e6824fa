package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CBC record with bad padding and one with a bad MAC must look the same to the peer: one alert,
 * bad_record_mac, one message (RFC 5246 §6.2.3.2, RFC 7366). SunJSSE exercises MAC-then-encrypt, BCJSSE EtM.
 */
class CbcTamperingTest {
    private static final String CBC = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static String outcome(Peer peer, int offsetFromEnd) {
        SSLEngine client = peer.engine(Role.CLIENT, pki, null, CBC);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), CBC);
        // the client's Finished is its third handshake record (after ClientHello and ClientKeyExchange)
        Failure f = EnginePair.builder(client, server).lenient().intercept(Role.CLIENT,
                Tamper.nth(WireRecord.HANDSHAKE, 2, r -> {
                    r[r.length - offsetFromEnd] ^= 1;
                    return r;
                })).build().expectHandshakeFailure();
        return f.alertReceivedBy(Role.CLIENT).orElse("none") + " / "
                + f.of(Role.SERVER).map(Throwable::getMessage).orElse("none");
    }

    @ParameterizedTest
    @EnumSource(value = Peer.class, names = {"SUN", "BC"})
    void badPaddingAndBadMacGiveTheSameAlertAndMessage(Peer peer) {
        // MAC-then-encrypt (SunJSSE): the last byte of the second-to-last block flips the padding length byte;
        // a byte of the IV flips a content byte, which only the MAC catches. With EtM (BCJSSE) both hit the MAC.
        String badPadding = outcome(peer, 17);
        String badMac = outcome(peer, peer == Peer.SUN ? 60 : 1);
        assertEquals("bad_record_mac / (bad_record_mac) record authentication failed", badPadding);
        assertEquals(badPadding, badMac);
    }
}
