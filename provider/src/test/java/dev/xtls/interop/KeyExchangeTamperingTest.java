package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.NamedGroup;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tampered key exchanges from a real peer: RSA premaster failures are indistinguishable (RFC 5246 §7.4.7.1), DHE
 * values are range-checked (RFC 7919 §5.1) and small primes refused (Logjam).
 */
class KeyExchangeTamperingTest {
    private static final String RSA_KX = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final String DHE = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static Failure sunClientToXtlsServer(String suite, UnaryOperator<ByteBuffer> clientRecords) {
        SSLEngine client = Peer.SUN.engine(Role.CLIENT, pki, null, suite);
        SSLEngine server = Peer.XTLS.engine(Role.SERVER, pki, pki.rsa2048(), suite);
        return EnginePair.builder(client, server).intercept(Role.CLIENT, clientRecords).lenient().build()
                .expectHandshakeFailure();
    }

    private static byte[] rsaEncrypt(byte[] message) throws Exception {
        PublicKey key = pki.rsa2048().leaf().getPublicKey();
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(message);
    }

    private static byte[] premaster(int major, int minor, int length) {
        byte[] pms = new byte[length];
        new SecureRandom().nextBytes(pms);
        pms[0] = (byte) major;
        pms[1] = (byte) minor;
        return pms;
    }

    @Test
    void badPaddingWrongVersionAndWrongLengthLookExactlyLikeADifferentValidPremaster() throws Exception {
        byte[] random = new byte[256];
        new SecureRandom().nextBytes(random);
        List<byte[]> replacements = List.of(
                rsaEncrypt(premaster(3, 3, 48)), // valid, but not the client's: fails at Finished
                random, // bad padding (overwhelmingly likely)
                rsaEncrypt(premaster(3, 1, 48)), // wrong version
                rsaEncrypt(premaster(3, 3, 47)), // wrong length
                new byte[0]); // nothing at all
        List<String> outcomes = new ArrayList<>();
        for (byte[] encrypted : replacements) {
            Failure f = sunClientToXtlsServer(RSA_KX,
                    Tamper.messageBody(CLIENT_KEY_EXCHANGE, body -> Tamper.opaque16(encrypted)));
            outcomes.add(f.alertReceivedBy(Role.CLIENT).orElse("none") + " / "
                    + f.of(Role.SERVER).map(Throwable::getMessage).orElse("none"));
        }
        assertTrue(outcomes.get(0).startsWith("bad_record_mac"), outcomes.get(0));
        for (String outcome : outcomes) {
            assertEquals(outcomes.get(0), outcome, "every failure must look the same: " + outcomes);
        }
    }

    @Test
    void rejectsADhePublicValueOfOneWithIllegalParameter() {
        Failure f = sunClientToXtlsServer(DHE,
                Tamper.messageBody(CLIENT_KEY_EXCHANGE, body -> Tamper.opaque16(new byte[] {1})));
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow());
    }

    @Test
    void rejectsADhePublicValueOfPMinusOneWithIllegalParameter() {
        BigInteger p = new JcaTlsCrypto(new SecureRandom()).ffdheParameters(NamedGroup.FFDHE2048).getP();
        byte[] pMinusOne = unsigned(p.subtract(BigInteger.ONE));
        Failure f = sunClientToXtlsServer(DHE,
                Tamper.messageBody(CLIENT_KEY_EXCHANGE, body -> Tamper.opaque16(pMinusOne)));
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.CLIENT).orElseThrow());
        assertTrue(f.of(Role.SERVER).orElseThrow().getMessage().contains("1 < Y < p-1"),
                f.of(Role.SERVER).get().getMessage());
    }

    @Test
    void refusesAServerDhPrimeUnder2048BitsWithInsufficientSecurity() {
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null, DHE);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.rsa2048(), DHE);
        BigInteger smallPrime = BigInteger.probablePrime(1024, new SecureRandom());
        Failure f = EnginePair.builder(client, server).lenient()
                .intercept(Role.SERVER, Tamper.messageBody(SERVER_KEY_EXCHANGE, body -> {
                    ByteBuffer in = ByteBuffer.wrap(body);
                    skipOpaque16(in); // p
                    skipOpaque16(in); // g
                    skipOpaque16(in); // Ys
                    byte[] rest = new byte[in.remaining()];
                    in.get(rest);
                    ByteBuffer out = ByteBuffer.allocate(body.length + 512);
                    out.put(Tamper.opaque16(unsigned(smallPrime))).put(Tamper.opaque16(new byte[] {2}))
                            .put(Tamper.opaque16(unsigned(smallPrime.shiftRight(1)))).put(rest);
                    return java.util.Arrays.copyOf(out.array(), out.position());
                })).build().expectHandshakeFailure();
        assertEquals("insufficient_security", f.alertReceivedBy(Role.SERVER).orElseThrow());
        assertTrue(f.of(Role.CLIENT).orElseThrow().getMessage().contains("1024 bits"),
                f.of(Role.CLIENT).get().getMessage());
    }

    private static void skipOpaque16(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        b.position(b.position() + n);
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
