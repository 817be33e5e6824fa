package dev.xtls.handshake.server;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsException;
import dev.xtls.x509.CertifiedKey;
import dev.xtls.x509.SignatureSchemes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses suite, certificate, signature scheme and group for a ClientHello. A suite is usable only when all
 * four fit; when none is, the failure says what each side offered and what was missing.
 */
final class ServerNegotiation {
    private final HandshakeConfig config;
    private final TlsCrypto crypto;
    private final Map<String, Optional<CertifiedKey>> credentials = new HashMap<>();

    ServerNegotiation(HandshakeConfig config) {
        this.config = config;
        this.crypto = config.crypto();
    }

    ServerChoice choose(ClientHelloOffer offer) {
        List<CipherSuite> clientSuites = offer.hello().cipherSuites();
        List<CipherSuite> ordered = config.honorServerCipherSuiteOrder()
                ? config.cipherSuites().stream().filter(clientSuites::contains).toList()
                : clientSuites.stream().filter(config.cipherSuites()::contains).toList();
        List<String> reasons = new ArrayList<>();
        for (CipherSuite suite : ordered) {
            Optional<SuiteSpec> spec = SuiteSpec.of(suite);
            if (spec.isEmpty()) {
                continue;
            }
            String why = whyUnusable(spec.get(), offer);
            if (why == null) {
                return build(spec.get(), offer);
            }
            reasons.add(suite + ": " + why);
        }
        String detail = reasons.isEmpty() ? "no cipher suite in common" : "no common cipher suite is usable ("
                + String.join("; ", reasons) + ")";
        if (clientSuites.stream().noneMatch(s -> SuiteSpec.of(s).isPresent())) {
            detail += " (RC4, 3DES, DES, NULL, EXPORT and anonymous suites are not implemented: they are insecure,"
                    + " RFC 7457/7525)";
        }
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, detail + "; client offered "
                + clientSuites.stream().filter(s -> !s.isSignalling()).toList() + ", server enabled "
                + config.cipherSuites());
    }

    private List<NamedGroup> serverGroups(boolean finiteField) {
        return config.namedGroups().stream().filter(crypto::supportsGroup)
                .filter(g -> g.isFiniteField() == finiteField).toList();
    }

    private List<SignatureScheme> serverSchemes() {
        return config.signatureSchemes().stream().filter(crypto::supportsSignatureScheme).toList();
    }

    /** The group for an (EC)DHE suite, or null if there is none in common. */
    private NamedGroup group(SuiteSpec spec, ClientHelloOffer offer) {
        boolean ff = spec.keyExchange().isDhe();
        List<NamedGroup> ours = serverGroups(ff);
        boolean clientNamesAny = offer.groups().stream().anyMatch(g -> g.isFiniteField() == ff);
        if (!clientNamesAny) {
            // RFC 7919 §4: a client naming no FFDHE group gets our first enabled one (ffdhe2048 by default;
            // jdk.tls.namedGroups reorders or narrows the list)
            if (ff) {
                return ours.isEmpty() ? null : ours.get(0);
            }
            // RFC 8422 §4: no supported_groups leaves the curve to us; every ECC client supports secp256r1
            return !offer.groupsSent() && ours.contains(NamedGroup.SECP256R1) ? NamedGroup.SECP256R1 : null;
        }
        return ours.stream().filter(offer.groups()::contains).findFirst().orElse(null);
    }

    private Optional<CertifiedKey> credential(String keyType, ClientHelloOffer offer) {
        return credentials.computeIfAbsent(keyType,
                t -> config.credentials().chooseServerCredential(t, offer.serverNames()));
    }

    private SignatureScheme scheme(CertifiedKey key, ClientHelloOffer offer) {
        return SignatureSchemes.choose(serverSchemes(), offer.schemes(),
                SignatureSchemes.keyType(key.leaf().getPublicKey()));
    }

    /** Why {@code spec} cannot be used with this client, or null when it can. */
    private String whyUnusable(SuiteSpec spec, ClientHelloOffer offer) {
        if (spec.keyExchange().signsKeyExchange() && group(spec, offer) == null) {
            return "no common " + (spec.keyExchange().isDhe() ? "FFDHE" : "EC") + " group (client "
                    + offer.groups() + ", server " + serverGroups(spec.keyExchange().isDhe()) + ")";
        }
        List<String> reasons = new ArrayList<>();
        for (String keyType : spec.keyExchange().certificateKeyTypes()) {
            Optional<CertifiedKey> key = credential(keyType, offer);
            String why = key.isEmpty() ? "no " + keyType + " certificate"
                    + (offer.serverNames().isEmpty() ? "" : " for " + offer.serverNames())
                    : whyKeyUnusable(spec, key.get(), offer);
            if (why == null) {
                return null;
            }
            reasons.add(why);
        }
        return String.join(", ", reasons);
    }

    private String whyKeyUnusable(SuiteSpec spec, CertifiedKey key, ClientHelloOffer offer) {
        NamedGroup curve = crypto.curveOf(key.leaf().getPublicKey());
        if (curve != null && offer.groupsSent() && !offer.groups().contains(curve)) {
            // RFC 8422 §5.3: an ECDSA certificate must be on a curve the client supports
            return "the certificate's curve " + curve + " is not among the client's groups " + offer.groups();
        }
        if (spec.keyExchange().signsKeyExchange() && scheme(key, offer) == null) {
            return "no signature scheme for the " + SignatureSchemes.keyType(key.leaf().getPublicKey())
                    + " key in common (client " + offer.schemes() + ", server " + serverSchemes() + ")";
        }
        return null;
    }

    private ServerChoice build(SuiteSpec spec, ClientHelloOffer offer) {
        CertifiedKey key = spec.keyExchange().certificateKeyTypes().stream()
                .map(t -> credential(t, offer)).flatMap(Optional::stream)
                .filter(k -> whyKeyUnusable(spec, k, offer) == null).findFirst().orElseThrow();
        boolean signs = spec.keyExchange().signsKeyExchange();
        return new ServerChoice(spec, key, signs ? scheme(key, offer) : null, signs ? group(spec, offer) : null);
    }
}
