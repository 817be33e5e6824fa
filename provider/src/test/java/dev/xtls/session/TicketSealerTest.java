package dev.xtls.session;

import static dev.xtls.session.TicketSessions.CREATED;
import static dev.xtls.session.TicketSessions.LIFETIME_SECONDS;
import static dev.xtls.session.TicketSessions.contents;
import static dev.xtls.session.TicketSessions.established;
import static dev.xtls.session.TicketSessions.randomKey;
import static dev.xtls.session.TicketSessions.ringOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.session.TicketSessions.ManualClock;
import dev.xtls.testing.TestPki;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TicketSealerTest {
    private static final TestPki PKI = TestPki.create();
    private static final String SERVER_ALIAS = "ecdsa-p256";

    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final ManualClock clock = new ManualClock(CREATED + 1000);

    private SessionState fullSession() {
        List<X509Certificate> client = List.of(PKI.rsa2048().chain());
        List<X509Certificate> server = List.of(PKI.ecdsaP256().chain());
        return established(0x42)
                .withEncryptThenMac(true)
                .withApplicationProtocol("h2")
                .withKeyExchange(NamedGroup.X25519, SignatureScheme.RSA_PSS_RSAE_SHA256)
                .withPeerCertificates(client)
                .withLocalCertificates(server, SERVER_ALIAS)
                .withServerNames(List.of("www.example.com", "bücher.example"))
                .withSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                        List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA256));
    }

    @Test
    void aTicketOpensToEverythingTheSessionMustReportAfterResumption() {
        SessionState original = fullSession();
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);

        TicketContents opened = sealer.open(sealer.seal(contents(original)).orElseThrow()).orElseThrow();
        LocalChainReference.Resolution ours = opened.localChain()
                .resolve(alias -> SERVER_ALIAS.equals(alias) ? PKI.ecdsaP256().chain() : null);
        SessionState s = opened.toSessionState("10.0.0.7", 50000, ours.chain());

        assertEquals(LIFETIME_SECONDS, opened.lifetimeSeconds());
        assertEquals(original.sessionId(), s.sessionId());
        assertEquals(original.version(), s.version());
        assertEquals(original.cipherSuite(), s.cipherSuite());
        assertTrue(s.masterSecret().sameAs(original.masterSecret().reveal()));
        assertTrue(s.extendedMasterSecret());
        assertTrue(s.encryptThenMac());
        assertEquals("h2", s.applicationProtocol());
        assertEquals(NamedGroup.X25519, s.group());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, s.peerSignatureScheme());
        assertEquals(original.peerCertificates(), s.peerCertificates());
        assertEquals(LocalChainReference.of(SERVER_ALIAS, original.localCertificates()), opened.localChain());
        assertEquals(original.localCertificates(), s.localCertificates());
        assertEquals(SERVER_ALIAS, s.localAlias());
        assertEquals(original.peerCertificates().get(0).getSubjectX500Principal(),
                s.peerCertificates().get(0).getSubjectX500Principal());
        assertEquals(original.requestedServerNames(), s.requestedServerNames());
        assertEquals(original.localSignatureSchemes(), s.localSignatureSchemes());
        assertEquals(original.peerSignatureSchemes(), s.peerSignatureSchemes());
        assertEquals(CREATED, s.creationTimeMillis());
        assertEquals("10.0.0.7", s.peerHost());
        assertEquals(50000, s.peerPort());
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);
        SessionState original = established(1).withMasterSecret(established(1).masterSecret(), false);

        SessionState s = sealer.open(sealer.seal(contents(original)).orElseThrow()).orElseThrow().session();

        assertFalse(s.extendedMasterSecret());
        assertNull(s.applicationProtocol());
        assertNull(s.group());
        assertNull(s.peerSignatureScheme());
        assertEquals(List.of(), s.peerCertificates());
        assertEquals(List.of(), s.requestedServerNames());
    }

    @Test
    void flippingAnyBitOfAnyByteOpensToEmpty() {
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);
        byte[] ticket = sealer.seal(contents(established(7))).orElseThrow();
        List<Integer> opened = new ArrayList<>();
        for (int i = 0; i < ticket.length; i++) { // key name, nonce, ciphertext and tag
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = ticket.clone();
                tampered[i] ^= (byte) (1 << bit);
                if (sealer.open(tampered).isPresent()) {
                    opened.add(i);
                }
            }
        }
        assertEquals(List.of(), opened);
        assertTrue(sealer.open(ticket).isPresent());
    }

    @Test
    void everyStrictPrefixAndAnyExtensionOpensToEmpty() {
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);
        byte[] ticket = sealer.seal(contents(established(7))).orElseThrow();
        for (int n = 0; n < ticket.length; n++) {
            assertEquals(Optional.empty(), sealer.open(Arrays.copyOf(ticket, n)), "prefix of " + n);
        }
        assertEquals(Optional.empty(), sealer.open(Arrays.copyOf(ticket, ticket.length + 1)));
        assertEquals(Optional.empty(), sealer.open(new byte[TicketSealer.MAX_TICKET_LENGTH + 1]));
    }

    @Test
    void aTicketUnderAKeyTheRingDoesNotHoldOpensToEmpty() {
        byte[] ticket = new TicketSealer(crypto, ringOf(randomKey()), clock).seal(contents(established(7)))
                .orElseThrow();
        assertEquals(Optional.empty(), new TicketSealer(crypto, ringOf(randomKey()), clock).open(ticket));
    }

    @Test
    void aTicketOpensUntilCreationPlusLifetimeAndNotAfter() {
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);
        byte[] ticket = sealer.seal(contents(established(7))).orElseThrow();
        long expiry = CREATED + LIFETIME_SECONDS * 1000;

        clock.set(expiry - 1);
        assertTrue(sealer.open(ticket).isPresent());
        clock.set(expiry);
        assertEquals(Optional.empty(), sealer.open(ticket));
    }

    @Test
    void stateTooLargeForTheTicketFieldIsNotSealed() {
        X509Certificate cert = PKI.rsa2048().leaf();
        List<X509Certificate> huge = Collections.nCopies(70_000 / 700, cert);
        TicketSealer sealer = new TicketSealer(crypto, ringOf(randomKey()), clock);

        assertEquals(Optional.empty(), sealer.seal(contents(established(7).withPeerCertificates(huge))));
        assertTrue(sealer.seal(contents(established(7).withPeerCertificates(huge.subList(0, 20)))).isPresent());
    }

    @Test
    void aKeyDestroyedBetweenCurrentAndSealingIsReplacedByTheNextCurrentKey() {
        SessionTicketKey destroyed = randomKey();
        destroyed.destroy();
        SessionTicketKey live = randomKey();
        List<SessionTicketKey> handedOut = new ArrayList<>(List.of(destroyed, live));
        TicketKeyRing reloading = new TicketKeyRing() {
            @Override
            public SessionTicketKey current() {
                return handedOut.size() > 1 ? handedOut.remove(0) : handedOut.get(0);
            }

            @Override
            public Optional<SessionTicketKey> find(Bytes name) {
                return live.name().equals(name) ? Optional.of(live) : Optional.empty();
            }
        };
        TicketSealer sealer = new TicketSealer(crypto, reloading, clock);

        byte[] ticket = sealer.seal(contents(established(7))).orElseThrow();

        assertEquals(live.name(), Bytes.of(Arrays.copyOf(ticket, 16)));
        assertTrue(sealer.open(ticket).isPresent());
    }

    // ---- known answer: the ticket recomputed with the JDK's own HMAC and AES/GCM, not through the sealer --------

    private static final byte[] KEY_FILE_ENTRY = sequence(0, 80);
    private static final byte[] NONCE = sequence(0xA0, 12);

    /** TicketState of established(0x11), field by field (TicketStateCodec Javadoc). */
    private static final String EXPECTED_STATE = "04" + "0303" + "c02b" + "11".repeat(48) + "01"
            + "0000018bcfe56800" + "00000e10" + "05" + "0102030405" + "0000" + "0000" + "0000" + "0000" + "0000"
            + "0000" + "000000" + "0000" + "00" + "000000";

    @Test
    void aTicketMatchesAnIndependentHkdfAndAesGcmComputation() throws GeneralSecurityException {
        SecureRandom fixedNonces = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(NONCE, 0, bytes, 0, bytes.length);
            }
        };
        SessionTicketKey key = SessionTicketKey.fromKeyFileEntry(KEY_FILE_ENTRY, crypto);
        TicketSealer sealer = new TicketSealer(new JcaTlsCrypto(fixedNonces), ringOf(key), clock);

        byte[] ticket = sealer.seal(contents(established(0x11))).orElseThrow();

        byte[] name = Arrays.copyOf(KEY_FILE_ENTRY, 16);
        byte[] expected = concat(name, NONCE, jdkAesGcm(name, Bytes.fromHex(EXPECTED_STATE).toByteArray()));
        assertEquals(Bytes.of(expected).toHex(), Bytes.of(ticket).toHex());
    }

    @Test
    void anAuthenticTicketWhoseStateDoesNotDecodeOpensToEmpty() throws GeneralSecurityException {
        SessionTicketKey key = SessionTicketKey.fromKeyFileEntry(KEY_FILE_ENTRY, crypto);
        TicketSealer sealer = new TicketSealer(crypto, ringOf(key), clock);
        byte[] name = Arrays.copyOf(KEY_FILE_ENTRY, 16);
        byte[] goodState = Bytes.fromHex(EXPECTED_STATE).toByteArray();
        byte[] badFormat = goodState.clone();
        badFormat[0] = 1; // the format before supplemental_data
        byte[] trailing = Arrays.copyOf(goodState, goodState.length + 1);

        assertTrue(sealer.open(concat(name, NONCE, jdkAesGcm(name, goodState))).isPresent());
        assertEquals(Optional.empty(), sealer.open(concat(name, NONCE, jdkAesGcm(name, badFormat))));
        assertEquals(Optional.empty(), sealer.open(concat(name, NONCE, jdkAesGcm(name, trailing))));
        assertEquals(Optional.empty(), sealer.open(concat(name, NONCE, jdkAesGcm(name, new byte[0]))));
    }

    /** AES-256-GCM under HKDF-SHA256(salt = none, IKM = entry[16..80), info = "xtls ticket aead"), AAD = name. */
    private static byte[] jdkAesGcm(byte[] name, byte[] plaintext) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = extract.doFinal(Arrays.copyOfRange(KEY_FILE_ENTRY, 16, 80));
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update("xtls ticket aead".getBytes(StandardCharsets.US_ASCII));
        byte[] aesKey = expand.doFinal(new byte[] {1});
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, NONCE));
        gcm.updateAAD(name);
        return gcm.doFinal(plaintext);
    }

    private static byte[] sequence(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
