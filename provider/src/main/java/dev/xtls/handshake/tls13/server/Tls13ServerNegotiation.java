package dev.xtls.handshake.tls13.server;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.CertificateSignatureSchemes;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.handshake.tls13.Tls13Signatures;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.message.ClientHello;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertifiedKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses suite, key share, certificate and scheme for a ClientHello offering TLS 1.3 (RFC 8446 §4.1.1); when
 * nothing fits, the failure names what each side offered.
 */
final class Tls13ServerNegotiation {
    /** The JSSE key types a TLS 1.3 server certificate may have, in preference order. */
    private static final List<String> KEY_TYPES = List.of("EC", "RSASSA-PSS", "RSA", "EdDSA");

    private final HandshakeContext ctx;
    private final HandshakeConfig config;
    private final TlsCrypto crypto;

    Tls13ServerNegotiation(HandshakeContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config();
        this.crypto = config.crypto();
    }

    Tls13ServerChoice choose(ClientHello hello, List<String> serverNames) {
        Tls13Suite suite = suite(hello.cipherSuites());
        // §9.2: a ClientHello without PSK needs signature_algorithms, supported_groups and key_share
        List<SignatureScheme> clientSchemes = SignatureAlgorithms.decode(required(hello,
                ExtensionType.SIGNATURE_ALGORITHMS).data()).schemes();
        List<NamedGroup> clientGroups = SupportedGroups.decode(required(hello, ExtensionType.SUPPORTED_GROUPS)
                .data()).groups();
        List<KeyShareEntry> shares = KeyShareClientHello.decode(required(hello, ExtensionType.KEY_SHARE).data())
                .shares();
        KeyShareEntry share = share(clientGroups, shares);
        if (share == null) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the second ClientHello has no key share"
                    + " for the group the HelloRetryRequest selected (RFC 8446 §4.1.2)");
        }
        List<SignatureScheme> ours = config.signatureSchemes();
        List<SignatureScheme> certSchemes = CertificateSignatureSchemes.of(hello.extensions(), clientSchemes);
        // key managers read the handshake session while choosing (SNI, signature algorithms)
        ctx.updateSession(ctx.session().withNegotiated(Bytes.EMPTY, ProtocolVersion.TLS13, null)
                .withServerNames(serverNames).withSignatureSchemes(ours, certSchemes));
        List<String> reasons = new ArrayList<>();
        Tls13ServerChoice choice = choose(suite, share, serverNames, clientSchemes, reasons);
        if (choice == null && reasons.isEmpty() && !ours.stream().allMatch(certSchemes::contains)) {
            // §4.4.2.2: no chain signed only as the client accepts: one of ours, the key manager seeing our schemes
            List<SignatureScheme> wider = new ArrayList<>(certSchemes);
            ours.stream().filter(s -> !certSchemes.contains(s)).forEach(wider::add);
            ctx.updateSession(ctx.session().withSignatureSchemes(ours, wider));
            choice = choose(suite, share, serverNames, clientSchemes, reasons);
            ctx.updateSession(ctx.session().withSignatureSchemes(ours, certSchemes));
        }
        if (choice != null) {
            return choice;
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no certificate and TLS 1.3 signature scheme"
                + " fit: " + (reasons.isEmpty() ? "the key manager has no certificate"
                + (serverNames.isEmpty() ? "" : " for " + serverNames) : "no common scheme for " + reasons)
                + " (client accepts " + clientSchemes + ", server enables " + Tls13Signatures
                .forCertificateVerify(ours) + "; RFC 8446 §4.4.3 excludes PKCS#1 v1.5 and SHA-1)");
    }

    /** The first key type with a certificate and a CertificateVerify scheme; null, with the reasons, if none. */
    private Tls13ServerChoice choose(Tls13Suite suite, KeyShareEntry share, List<String> serverNames,
            List<SignatureScheme> clientSchemes, List<String> reasons) {
        for (String keyType : KEY_TYPES) {
            Optional<CertifiedKey> key = config.credentials().chooseServerCredential(keyType, serverNames);
            if (key.isEmpty()) {
                continue;
            }
            SignatureScheme scheme = Tls13Signatures.choose(crypto, config.signatureSchemes(), clientSchemes,
                    key.get().leaf().getPublicKey());
            if (scheme != null) {
                return new Tls13ServerChoice(suite, share, key.get(), scheme, serverNames, clientSchemes);
            }
            reasons.add(keyType + " certificate " + key.get().leaf().getSubjectX500Principal().getName());
        }
        return null;
    }

    private static Extension required(ClientHello hello, ExtensionType type) {
        return hello.extensions().find(type).orElseThrow(() -> new TlsException(AlertDescription.MISSING_EXTENSION,
                "the ClientHello offers TLS 1.3 without a PSK but lacks " + type + " (RFC 8446 §9.2)"));
    }

    private Tls13Suite suite(List<CipherSuite> clientSuites) {
        List<CipherSuite> ordered = config.honorServerCipherSuiteOrder()
                ? config.cipherSuites().stream().filter(clientSuites::contains).toList()
                : clientSuites.stream().filter(config.cipherSuites()::contains).toList();
        return ordered.stream().map(Tls13Suite::of).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no TLS 1.3 cipher suite"
                        + " in common; client offered " + clientSuites.stream().filter(Tls13Suite::isTls13)
                        .toList() + ", server enabled " + config.cipherSuites().stream()
                        .filter(Tls13Suite::isTls13).toList()));
    }

    /** §4.2.8: the client's share for our most preferred group it sent one for. */
    private KeyShareEntry share(List<NamedGroup> clientGroups, List<KeyShareEntry> shares) {
        Set<NamedGroup> seen = new HashSet<>();
        for (KeyShareEntry s : shares) {
            if (!seen.add(s.group()) || !clientGroups.contains(s.group())) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the client's key_share for "
                        + s.group() + " is " + (clientGroups.contains(s.group()) ? "repeated"
                        : "for a group not in its supported_groups " + clientGroups) + " (RFC 8446 §4.2.8)");
            }
        }
        List<NamedGroup> ourGroups = config.namedGroups().stream().filter(crypto::supportsGroup).toList();
        for (NamedGroup g : ourGroups) {
            for (KeyShareEntry s : shares) {
                if (s.group().equals(g)) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * §4.1.4: the group to ask for in a HelloRetryRequest when no key share fits but a group in common exists,
     * null when a key share fits.
     */
    NamedGroup helloRetryGroup(ClientHello hello) {
        List<NamedGroup> clientGroups = SupportedGroups.decode(required(hello, ExtensionType.SUPPORTED_GROUPS)
                .data()).groups();
        List<KeyShareEntry> shares = KeyShareClientHello.decode(required(hello, ExtensionType.KEY_SHARE).data())
                .shares();
        if (share(clientGroups, shares) != null) {
            return null;
        }
        List<NamedGroup> ourGroups = config.namedGroups().stream().filter(crypto::supportsGroup).toList();
        return ourGroups.stream().filter(clientGroups::contains).findFirst().orElseThrow(() -> new TlsException(
                AlertDescription.HANDSHAKE_FAILURE, "no group in common: client supports " + clientGroups
                + ", server enables " + ourGroups));
    }

    /** The suite for this ClientHello (a HelloRetryRequest names it before the full choice). */
    Tls13Suite suite(ClientHello hello) {
        return suite(hello.cipherSuites());
    }
}
