package dev.xtls.x509;

import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Whether a key entry's chain may be sent, as SunJSSE's key manager judges it: every certificate's signature
 * algorithm must be one the peer listed in signature_algorithms (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3) and, with
 * SSLParameters' AlgorithmConstraints, every signature algorithm and public key must be permitted by them.
 */
final class KeyChainConstraints {
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);

    private final AlgorithmConstraints parameters;
    private final List<String> peerAlgorithms;

    private KeyChainConstraints(AlgorithmConstraints parameters, List<String> peerAlgorithms) {
        this.parameters = parameters;
        this.peerAlgorithms = peerAlgorithms;
    }

    /** From the engine's or socket's handshake: null when there is nothing to check. */
    static KeyChainConstraints of(SSLSession handshakeSession, SSLParameters parameters) {
        List<String> peer = List.of();
        if (handshakeSession instanceof ExtendedSSLSession extended) {
            String[] names = extended.getPeerSupportedSignatureAlgorithms();
            peer = names == null ? List.of() : List.of(names);
        }
        AlgorithmConstraints constraints = parameters == null ? null : parameters.getAlgorithmConstraints();
        return constraints == null && peer.isEmpty() ? null : new KeyChainConstraints(constraints, peer);
    }

    boolean permits(X509Certificate[] chain) {
        for (X509Certificate cert : chain) {
            String signedWith = cert.getSigAlgName();
            if (!peerAlgorithms.isEmpty() && peerAlgorithms.stream()
                    .noneMatch(a -> a.equalsIgnoreCase(ChainAlgorithmConstraints.baseName(signedWith)))) {
                return false;
            }
            if (parameters != null && (!parameters.permits(SIGNATURE, signedWith, null)
                    || !parameters.permits(SIGNATURE, cert.getPublicKey()))) {
                return false;
            }
        }
        return true;
    }
}
