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
        throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, detail + "; client offered "
                + clientSuites.stream().filter(s -> !s.isSignalling()).toList() + ", server enabled "
                + config.cipherSuites());
    }

    private List<NamedGroup> serverGroups() {
        return config.namedGroups().stream().filter(crypto::supportsGroup).filter(g -> !g.isFiniteField())
                .toList();
    }

    private List<SignatureScheme> serverSchemes() {
        return config.signatureSchemes().stream().filter(crypto::supportsSignatureScheme).toList();
    }

    private NamedGroup group(ClientHelloOffer offer) {
        for (NamedGroup g : serverGroups()) {
            // RFC 8422 §4: a client that sends no supported_groups is taken to accept any curve
            if (!offer.groupsSent() || offer.groups().contains(g)) {
                return g;
            }
        }
        return null;
    }

    private Optional<CertifiedKey> credential(String keyType, ClientHelloOffer offer) {
        return credentials.computeIfAbsent(keyType,
                t -> config.credentials().chooseServerCredential(t, offer.serverNames()));
    }

    private SignatureScheme scheme(CertifiedKey key, ClientHelloOffer offer) {
        return SignatureSchemes.choose(serverSchemes(), offer.schemes(),
                SignatureSchemes.keyType(key.leaf().getPublicKey()));
    }

    private String whyUnusable(SuiteSpec spec, ClientHelloOffer offer) {
        if (group(offer) == null) {
            return "no common group (client " + offer.groups() + ", server " + serverGroups() + ")";
        }
        String keyType = spec.keyExchange().certificateKeyType();
        Optional<CertifiedKey> key = credential(keyType, offer);
        if (key.isEmpty()) {
            return "no " + keyType + " certificate" + (offer.serverNames().isEmpty() ? ""
                    : " for " + offer.serverNames());
        }
        if (scheme(key.get(), offer) == null) {
            return "no signature scheme for the " + keyType + " key in common (client " + offer.schemes()
                    + ", server " + serverSchemes() + ")";
        }
        return null;
    }

    private ServerChoice build(SuiteSpec spec, ClientHelloOffer offer) {
        CertifiedKey key = credential(spec.keyExchange().certificateKeyType(), offer).orElseThrow();
        return new ServerChoice(spec, key, scheme(key, offer), group(offer));
    }
}
