package dev.xtls.x509;

import dev.xtls.x509.KeyStoreEntries.Entry;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * Chooses key entries as SunJSSE's PKIX key manager (X509KeyManagerImpl) does: an entry must have a requested key
 * type ({@code "EC"}, or {@code "EC_RSA"}: an EC key its issuer signed with RSA), a certificate from one of the
 * requested issuers, and a chain the algorithm constraints permit. Among those, a certificate fit for the use (EKU
 * and key usage), valid now and naming the requested SNI host wins over one that names another host, which wins
 * over an expired one, which wins over one whose extensions do not fit; ties go to the earlier key type, then to
 * key store order.
 */
final class AliasSelector {
    /** The use a certificate must fit: TLS client or server authentication. */
    enum Use {
        CLIENT(Set.of("1.3.6.1.5.5.7.3.2")),
        // serverAuth, and the Netscape and Microsoft server-gated-crypto OIDs SunJSSE also accepts
        SERVER(Set.of("1.3.6.1.5.5.7.3.1", "2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3"));

        private final Set<String> extendedKeyUsages;

        Use(Set<String> extendedKeyUsages) {
            this.extendedKeyUsages = extendedKeyUsages;
        }
    }

    /** How well an entry fits, best first (SunJSSE's CheckResult order). */
    enum Fit {
        OK, OTHER_HOST, EXPIRED, EXTENSION_MISMATCH
    }

    /** What the handshake asks for; {@code constraints} and {@code serverNames} may be null. */
    record Request(List<String> keyTypes, Principal[] issuers, Use use, KeyChainConstraints constraints,
            List<SNIServerName> serverNames) {
    }

    private record Candidate(Entry entry, int keyTypeIndex, Fit fit) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparing(Candidate::fit)
            .thenComparingInt(Candidate::keyTypeIndex);

    private AliasSelector() {
    }

    /** The best entry's alias, or null when none has a requested key type, issuer and permitted chain. */
    static String choose(KeyStoreEntries entries, Request request, Date now) {
        List<Candidate> candidates = new ArrayList<>();
        for (Entry e : entries.all()) {
            Candidate c = candidate(e, request, now);
            if (c != null && c.fit() == Fit.OK && c.keyTypeIndex() == 0) {
                return e.alias(); // as SunJSSE: a perfect match of the first key type ends the search
            }
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(BEST_FIRST); // stable: key store order breaks ties
        return candidates.isEmpty() ? null : candidates.get(0).entry().alias();
    }

    /** Every matching alias, best first; null when there is none (as X509KeyManager.getServerAliases). */
    static String[] all(KeyStoreEntries entries, Request request, Date now) {
        List<Candidate> candidates = new ArrayList<>();
        for (Entry e : entries.all()) {
            Candidate c = candidate(e, request, now);
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(BEST_FIRST);
        return candidates.isEmpty() ? null : candidates.stream().map(c -> c.entry().alias()).toArray(String[]::new);
    }

    private static Candidate candidate(Entry e, Request request, Date now) {
        int keyTypeIndex = keyTypeIndex(request.keyTypes(), e.chain());
        if (keyTypeIndex < 0 || !fromIssuers(e.chain(), request.issuers())) {
            return null;
        }
        if (request.constraints() != null && !request.constraints().permits(e.chain())) {
            return null;
        }
        return new Candidate(e, keyTypeIndex, fit(e.leaf(), request.use(), now, request.serverNames()));
    }

    private static int keyTypeIndex(List<String> keyTypes, X509Certificate[] chain) {
        for (int i = 0; i < keyTypes.size(); i++) {
            if (keyTypes.get(i) != null && keyTypeMatches(keyTypes.get(i), chain)) {
                return i;
            }
        }
        return -1;
    }

    /** "EC" names the key; "EC_RSA" also the issuer's key, or the leaf's signature when the chain is the leaf. */
    private static boolean keyTypeMatches(String keyType, X509Certificate[] chain) {
        int underscore = keyType.indexOf('_');
        String keyAlgorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
        if (!chain[0].getPublicKey().getAlgorithm().equals(keyAlgorithm)) {
            return false;
        }
        if (underscore < 0) {
            return true;
        }
        String signerAlgorithm = keyType.substring(underscore + 1);
        if (chain.length > 1) {
            return signerAlgorithm.equals(chain[1].getPublicKey().getAlgorithm());
        }
        return chain[0].getSigAlgName().toUpperCase(Locale.ROOT)
                .contains("WITH" + signerAlgorithm.toUpperCase(Locale.ROOT));
    }

    private static boolean fromIssuers(X509Certificate[] chain, Principal[] issuers) {
        if (issuers == null || issuers.length == 0) {
            return true;
        }
        Set<Principal> wanted = new HashSet<>(List.of(issuers));
        for (X509Certificate cert : chain) {
            if (wanted.contains(cert.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private static Fit fit(X509Certificate leaf, Use use, Date now, List<SNIServerName> serverNames) {
        if (!usable(leaf, use)) {
            return Fit.EXTENSION_MISMATCH;
        }
        try {
            leaf.checkValidity(now);
        } catch (CertificateException e) {
            return Fit.EXPIRED;
        }
        String host = requestedHost(serverNames);
        if (host != null) {
            try {
                HostnameMatcher.check(host, leaf); // SunJSSE checks the SNI name as "HTTPS" does
            } catch (CertificateException e) {
                return Fit.OTHER_HOST;
            }
        }
        return Fit.OK;
    }

    /** RFC 5280 §4.2.1.12 and §4.2.1.3, as SunJSSE's key manager reads them for TLS. */
    private static boolean usable(X509Certificate leaf, Use use) {
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && Collections.disjoint(use.extendedKeyUsages, eku)) {
                return false;
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku == null) {
            return true;
        }
        boolean digitalSignature = bit(ku, 0);
        return switch (leaf.getPublicKey().getAlgorithm()) {
            case "RSA" -> digitalSignature || use == Use.SERVER && bit(ku, 2); // keyEncipherment: RSA key exchange
            case "RSASSA-PSS" -> digitalSignature || use == Use.CLIENT;
            case "DSA" -> digitalSignature;
            // as SunJSSE 17: a server's EC key must also allow keyAgreement (static ECDH), else it ranks lower
            case "EC" -> digitalSignature && (use == Use.CLIENT || bit(ku, 4));
            case "DH" -> bit(ku, 4);
            default -> true;
        };
    }

    private static boolean bit(boolean[] bits, int i) {
        return i < bits.length && bits[i];
    }

    private static String requestedHost(List<SNIServerName> serverNames) {
        if (serverNames == null) {
            return null;
        }
        for (SNIServerName name : serverNames) {
            if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                try {
                    return name instanceof SNIHostName h ? h.getAsciiName()
                            : new SNIHostName(name.getEncoded()).getAsciiName();
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return null;
    }
}
