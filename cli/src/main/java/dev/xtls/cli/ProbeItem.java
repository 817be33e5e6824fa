package dev.xtls.cli;

import dev.xtls.jsse.SessionDetails;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * One thing to probe: how the ClientHello offers only it, and whether the server's answer used it (a server that
 * ignored the offer and still completed, e.g. with RSA key transport when probing a group, did not accept it).
 */
record ProbeItem(Kind kind, String name, Consumer<SSLParameters> offerOnly, Predicate<SSLSession> used) {

    enum Kind {
        VERSION("versions"), SUITE("cipher suites"), GROUP("groups"), SIGNATURE("signature algorithms");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    /** The Java names the provider filters signature schemes by (SSLParameters constraints), with their schemes. */
    static final Map<String, List<SignatureScheme>> SIGNATURE_ALGORITHMS = Map.of(
            "SHA256withECDSA", List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
            "SHA384withECDSA", List.of(SignatureScheme.ECDSA_SECP384R1_SHA384),
            "SHA512withECDSA", List.of(SignatureScheme.ECDSA_SECP521R1_SHA512),
            "RSASSA-PSS", List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                    SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA256,
                    SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512),
            "SHA256withRSA", List.of(SignatureScheme.RSA_PKCS1_SHA256),
            "SHA384withRSA", List.of(SignatureScheme.RSA_PKCS1_SHA384),
            "SHA512withRSA", List.of(SignatureScheme.RSA_PKCS1_SHA512),
            "Ed25519", List.of(SignatureScheme.ED25519),
            "Ed448", List.of(SignatureScheme.ED448));

    static ProbeItem version(String protocol) {
        return new ProbeItem(Kind.VERSION, protocol, p -> p.setProtocols(new String[] {protocol}),
                s -> s.getProtocol().equals(protocol));
    }

    static ProbeItem suite(String suite) {
        return new ProbeItem(Kind.SUITE, suite, p -> p.setCipherSuites(new String[] {suite}),
                s -> s.getCipherSuite().equals(suite));
    }

    static ProbeItem group(NamedGroup group, List<NamedGroup> all) {
        Set<String> family = all.stream().map(NamedGroup::name).collect(Collectors.toSet());
        return new ProbeItem(Kind.GROUP, group.name(),
                p -> p.setAlgorithmConstraints(new OnlyOneOf(family, group.name())),
                s -> group.equals(details(s).group()));
    }

    static ProbeItem signature(String javaName) {
        List<SignatureScheme> schemes = SIGNATURE_ALGORITHMS.get(javaName);
        return new ProbeItem(Kind.SIGNATURE, javaName,
                p -> p.setAlgorithmConstraints(new OnlyOneOf(SIGNATURE_ALGORITHMS.keySet(), javaName)),
                s -> schemes.contains(details(s).peerSignatureScheme()));
    }

    private static SessionDetails details(SSLSession s) {
        return ((XtlsSession) s).details();
    }
}
