package dev.xtls.handshake.tls13;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.message.CertificateVerify;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.SignatureSchemes;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CertificateVerify in TLS 1.3 (RFC 8446 §4.4.3): what is signed, and which schemes may sign it — RSA-PSS,
 * ECDSA with the hash bound to the curve, EdDSA; never PKCS#1 v1.5 or SHA-1 (§4.2.3).
 */
public final class Tls13Signatures {
    private static final Map<SignatureScheme, NamedGroup> ECDSA_CURVES = Map.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, NamedGroup.SECP256R1,
            SignatureScheme.ECDSA_SECP384R1_SHA384, NamedGroup.SECP384R1,
            SignatureScheme.ECDSA_SECP521R1_SHA512, NamedGroup.SECP521R1);

    private Tls13Signatures() {
    }

    /** §4.2.3: RSASSA-PKCS1-v1_5 and SHA-1 schemes never sign a TLS 1.3 CertificateVerify. */
    public static boolean allowedInCertificateVerify(SignatureScheme scheme) {
        int hi = scheme.code() >>> 8;
        int lo = scheme.code() & 0xFF;
        boolean pkcs1 = lo == 0x01 && hi >= 0x02 && hi <= 0x06;
        return !pkcs1 && !scheme.usesSha1();
    }

    /** The schemes of {@code schemes} that may sign a TLS 1.3 CertificateVerify. */
    public static List<SignatureScheme> forCertificateVerify(List<SignatureScheme> schemes) {
        return schemes.stream().filter(Tls13Signatures::allowedInCertificateVerify).toList();
    }

    /** Whether {@code scheme} fits {@code key} under the 1.3 rules: an ECDSA scheme names the key's curve. */
    public static boolean fits(TlsCrypto crypto, SignatureScheme scheme, PublicKey key) {
        if (!allowedInCertificateVerify(scheme)
                || !SignatureSchemes.matchesKeyType(scheme, SignatureSchemes.keyType(key))) {
            return false;
        }
        NamedGroup curve = ECDSA_CURVES.get(scheme);
        return curve == null || curve.equals(crypto.curveOf(key));
    }

    /** The first of {@code preferred} the peer accepts and the key can make, or null. */
    public static SignatureScheme choose(TlsCrypto crypto, List<SignatureScheme> preferred,
            List<SignatureScheme> peerAccepts, PublicKey key) {
        for (SignatureScheme s : preferred) {
            if (peerAccepts.contains(s) && crypto.supportsSignatureScheme(s) && fits(crypto, s, key)) {
                return s;
            }
        }
        return null;
    }

    /** §4.4.3: 64 spaces, the context string, a zero byte, then the transcript hash. */
    public static byte[] content(boolean server, byte[] transcriptHash) {
        byte[] context = ("TLS 1.3, " + (server ? "server" : "client") + " CertificateVerify")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }

    public static byte[] sign(TlsCrypto crypto, boolean server, SignatureScheme scheme, PrivateKey key,
            byte[] transcriptHash) {
        return crypto.sign(scheme, key, content(server, transcriptHash));
    }

    /**
     * Reads a peer's CertificateVerify (RFC 8446 §4.4.3) over the transcript so far, checks it as {@link #verify}
     * does, then adds it to the transcript; returns the scheme it was signed with.
     */
    public static SignatureScheme receive(HandshakeContext ctx, Tls13Suite suite, boolean fromServer,
            RawHandshakeMessage message, List<SignatureScheme> offered, X509Certificate peer) {
        CertificateVerify verify = CertificateVerify.decode(message.body());
        verify(ctx.crypto(), fromServer, verify.scheme(), verify.signature().toByteArray(), offered, peer,
                Tls13Secrets.transcriptHash(ctx, suite));
        ctx.received(message);
        return verify.scheme();
    }

    /**
     * Checks a received CertificateVerify: the scheme must be one we offered and fit the peer's key
     * (illegal_parameter), the signature must verify (decrypt_error).
     */
    public static void verify(TlsCrypto crypto, boolean fromServer, SignatureScheme scheme, byte[] signature,
            List<SignatureScheme> offered, X509Certificate peer, byte[] transcriptHash) {
        String side = fromServer ? "server" : "client";
        PublicKey key = peer.getPublicKey();
        if (!offered.contains(scheme) || !fits(crypto, scheme, key)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the " + side + " signed its TLS 1.3"
                    + " CertificateVerify with " + scheme + ", which is not among " + forCertificateVerify(offered)
                    + " for its " + SignatureSchemes.keyType(key) + " key (RFC 8446 §4.4.3)");
        }
        if (!crypto.verify(scheme, key, content(fromServer, transcriptHash), signature)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "the " + side + "'s CertificateVerify ("
                    + scheme + ") does not verify with the key of " + peer.getSubjectX500Principal()
                    + " (RFC 8446 §4.4.3)");
        }
    }

    /**
     * The authType SunJSSE passes to the trust manager for a TLS 1.3 peer: no key exchange is named, so "UNKNOWN"
     * for a server (which its key-usage check accepts) and the key algorithm for a client.
     */
    public static String authType(X509Certificate leaf, boolean server) {
        String algorithm = leaf.getPublicKey().getAlgorithm();
        return switch (algorithm) {
            case "RSA", "DSA", "EC", "RSASSA-PSS" -> server ? "UNKNOWN" : algorithm;
            default -> "UNKNOWN";
        };
    }
}
