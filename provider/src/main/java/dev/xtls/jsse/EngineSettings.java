package dev.xtls.jsse;

import dev.xtls.handshake.ClientAuth;
import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.handshake.HandshakePolicy;
import dev.xtls.handshake.RecordSizePolicy;
import dev.xtls.handshake.SessionStore;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CredentialSource;
import dev.xtls.x509.PeerVerifier;
import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.StandardConstants;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.xtls.handshake.ApplicationProtocols;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * One engine's SSLParameters-equivalent settings, validated as SunJSSE validates them, and the
 * {@link HandshakeConfig} they turn into when a handshake starts. Not thread-safe: the engine guards it.
 */
final class EngineSettings {
    private static final String SSLV2_HELLO = "SSLv2Hello";

    private final EngineDefaults shared; // the context's defaults and the lists its engines share
    private boolean clientMode;
    private boolean modeSet;
    private List<String> protocols;
    private List<String> cipherSuites;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private boolean enableSessionCreation = true;
    private AlgorithmConstraints algorithmConstraints;
    private String endpointIdentificationAlgorithm;
    private List<SNIServerName> serverNames;
    private List<SNIMatcher> sniMatchers;
    private boolean useCipherSuitesOrder = true;
    private boolean enableRetransmissions = true;
    private int maximumPacketSize;
    private List<String> applicationProtocols = List.of();
    private List<String> namedGroups; // null: the context's (JDK 20+ SSLParameters)
    private List<String> signatureSchemes; // null: the context's (JDK 20+ SSLParameters)
    private SupplementalDataTypes supplementalData = SupplementalDataTypes.NONE;

    /** Starts as SunJSSE's engines do: server mode (not yet confirmed), with the server defaults enabled. */
    EngineSettings(EngineDefaults shared) {
        this.shared = shared;
        this.protocols = defaults().protocols(false);
        this.cipherSuites = defaults().cipherSuiteNames(false);
    }

    private ProtocolDefaults defaults() {
        return shared.defaults();
    }

    boolean clientMode() {
        return clientMode;
    }

    boolean modeSet() {
        return modeSet;
    }

    /** Lists still at one side's defaults switch to the other side's defaults; lists the user set are kept. */
    void setClientMode(boolean client) {
        if (client != clientMode) {
            if (protocols.equals(defaults().protocols(clientMode))) {
                protocols = defaults().protocols(client);
            }
            if (cipherSuites.equals(defaults().cipherSuiteNames(clientMode))) {
                cipherSuites = defaults().cipherSuiteNames(client);
            }
        }
        clientMode = client;
        modeSet = true;
    }

    String[] enabledProtocols() {
        return protocols.toArray(new String[0]);
    }

    void setEnabledProtocols(String[] names) {
        protocols = shared.protocols(validProtocols(names));
    }

    String[] enabledCipherSuites() {
        return cipherSuites.toArray(new String[0]);
    }

    void setEnabledCipherSuites(String[] names) {
        cipherSuites = shared.cipherSuites(validCipherSuites(names));
    }

    ClientAuth clientAuth() {
        return clientAuth;
    }

    /** As SunJSSE: setNeedClientAuth(false) and setWantClientAuth(false) both clear any request. */
    void setNeedClientAuth(boolean need) {
        clientAuth = need ? ClientAuth.NEED : ClientAuth.NONE;
    }

    void setWantClientAuth(boolean want) {
        clientAuth = want ? ClientAuth.WANT : ClientAuth.NONE;
    }

    /** SSLParameters' endpoint identification algorithm ("HTTPS", "LDAPS"), or null. */
    String endpointIdentificationAlgorithm() {
        return endpointIdentificationAlgorithm;
    }

    boolean enableSessionCreation() {
        return enableSessionCreation;
    }

    void setEnableSessionCreation(boolean enable) {
        enableSessionCreation = enable;
    }

    List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** The SupplementalData types (RFC 4680) set through dev.xtls.api; not part of SSLParameters. */
    SupplementalDataTypes supplementalData() {
        return supplementalData;
    }

    void setSupplementalData(SupplementalDataTypes types) {
        supplementalData = Objects.requireNonNull(types, "types");
    }

    /** The names a client sends: the ones set in SSLParameters, else the peer host when it is a host name. */
    List<SNIServerName> effectiveServerNames(String peerHost) {
        return serverNames != null ? serverNames : ServerNames.fromPeerHost(peerHost);
    }

    SSLParameters toParameters(String peerHost) {
        SSLParameters p = new SSLParameters(enabledCipherSuites(), enabledProtocols());
        if (clientAuth == ClientAuth.NEED) {
            p.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.WANT) {
            p.setWantClientAuth(true);
        }
        p.setAlgorithmConstraints(algorithmConstraints);
        p.setEndpointIdentificationAlgorithm(endpointIdentificationAlgorithm);
        List<SNIServerName> names = effectiveServerNames(peerHost);
        if (!names.isEmpty()) {
            p.setServerNames(names);
        }
        if (sniMatchers != null) {
            p.setSNIMatchers(sniMatchers);
        }
        p.setUseCipherSuitesOrder(useCipherSuitesOrder);
        p.setEnableRetransmissions(enableRetransmissions);
        p.setMaximumPacketSize(maximumPacketSize);
        p.setApplicationProtocols(applicationProtocols.toArray(new String[0]));
        // as SunJSSE: the groups in use, the schemes only when set
        GroupAndSchemeParameters.write(p, namedGroups != null ? namedGroups : contextGroupNames(), signatureSchemes);
        return p;
    }

    /** Null lists in {@code p} leave the current ones; everything is validated before anything changes. */
    void apply(SSLParameters p) {
        List<String> newSuites = p.getCipherSuites() == null ? cipherSuites
                : shared.cipherSuites(validCipherSuites(p.getCipherSuites()));
        List<String> newProtocols = p.getProtocols() == null ? protocols
                : shared.protocols(validProtocols(p.getProtocols()));
        cipherSuites = newSuites;
        protocols = newProtocols;
        if (p.getNeedClientAuth()) {
            clientAuth = ClientAuth.NEED;
        } else if (p.getWantClientAuth()) {
            clientAuth = ClientAuth.WANT;
        } else {
            clientAuth = ClientAuth.NONE;
        }
        algorithmConstraints = p.getAlgorithmConstraints();
        endpointIdentificationAlgorithm = p.getEndpointIdentificationAlgorithm();
        if (p.getServerNames() != null) {
            serverNames = List.copyOf(p.getServerNames());
        }
        Collection<SNIMatcher> matchers = p.getSNIMatchers();
        if (matchers != null) {
            sniMatchers = List.copyOf(matchers);
        }
        useCipherSuitesOrder = p.getUseCipherSuitesOrder();
        enableRetransmissions = p.getEnableRetransmissions();
        maximumPacketSize = p.getMaximumPacketSize();
        applicationProtocols = List.of(p.getApplicationProtocols());
        namedGroups = GroupAndSchemeParameters.namedGroups(p);
        if (namedGroups != null && namedGroups.equals(contextGroupNames())) {
            namedGroups = null; // the context's, as getSSLParameters gave them: its lists serve, no copy per engine
        }
        signatureSchemes = GroupAndSchemeParameters.signatureSchemes(p);
    }

    private List<String> contextGroupNames() {
        return defaults().namedGroups().stream().map(NamedGroup::name).toList();
    }

    /**
     * The handshake's configuration: the enabled protocols and suites this provider implements and the
     * disabled-algorithm and SSLParameters constraints permit; the context's groups, schemes and limits.
     */
    HandshakeConfig handshakeConfig(ContextState context, String peerHost, int peerPort,
            CredentialSource credentials, PeerVerifier verifier, Function<List<String>, String> alpnSelector,
            SessionStore sessionStore) throws SSLHandshakeException {
        return new HandshakeConfig(context.shared(policy(context, alpnSelector)),
                clientMode ? ServerNames.hostNames(effectiveServerNames(peerHost)) : List.of(),
                peerHost, peerPort, credentials, verifier, sessionStore);
    }

    /** What these settings let a handshake negotiate, naming no connection; equal settings give equal policies. */
    private HandshakePolicy policy(ContextState context, Function<List<String>, String> alpnSelector)
            throws SSLHandshakeException {
        List<ProtocolVersion> versions = new ArrayList<>();
        for (String name : protocols) { // byName matched the name exactly: compare names, not v.name() (a lookup)
            ProtocolVersion.byName(name)
                    .filter(v -> defaults().supportedProtocols().contains(name))
                    .filter(v -> permits(CryptoPrimitive.KEY_AGREEMENT, name))
                    .filter(v -> !versions.contains(v))
                    .ifPresent(versions::add);
        }
        versions.sort(Comparator.reverseOrder());
        if (versions.isEmpty()) {
            throw new SSLHandshakeException("No appropriate protocol: enabled " + protocols
                    + ", supported and permitted " + defaults().supportedProtocols());
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : cipherSuites) {
            CipherSuite.byName(name)
                    .filter(s -> defaults().supportedCipherSuites().contains(s))
                    .filter(s -> permits(CryptoPrimitive.KEY_AGREEMENT, s.name()))
                    .filter(s -> !suites.contains(s))
                    .ifPresent(suites::add);
        }
        // a TLS 1.3 suite needs TLS 1.3 enabled, any other suite TLS 1.2 (RFC 8446 §B.4); as SunJSSE, a version
        // without an enabled suite is not active either
        suites.removeIf(s -> !versions.contains(versionOf(s)));
        versions.removeIf(v -> suites.stream().noneMatch(s -> versionOf(s).equals(v)));
        if (suites.isEmpty()) {
            throw new SSLHandshakeException("No appropriate cipher suite for " + versions + ": enabled " + cipherSuites
                    + ", supported and permitted " + defaults().supportedCipherSuites());
        }
        // without SSLParameters groups, schemes or constraints the context's own lists serve as they are
        List<NamedGroup> groups = namedGroups == null ? defaults().namedGroups()
                : named(namedGroups, NamedGroup::byName, ProtocolDefaults.IMPLEMENTED_GROUPS,
                        defaults().disabled()::permitsGroup);
        List<SignatureScheme> schemes = signatureSchemes == null ? defaults().signatureSchemes(clientMode)
                : named(signatureSchemes, SignatureScheme::byName, ProtocolDefaults.IMPLEMENTED_SIGNATURE_SCHEMES,
                        defaults().disabled()::permitsScheme);
        if (algorithmConstraints != null) {
            groups = groups.stream().filter(g -> permits(CryptoPrimitive.KEY_AGREEMENT, g.name())).toList();
            schemes = schemes.stream().filter(s -> permits(CryptoPrimitive.SIGNATURE, SignatureAlgorithmNames.of(s)))
                    .toList();
        }
        return new HandshakePolicy(
                clientMode, versions, suites, groups, schemes,
                useCipherSuitesOrder,
                clientMode ? ClientAuth.NONE : clientAuth,
                defaults().maxHandshakeMessageSize(), defaults().extendedMasterSecret(),
                alpn(alpnSelector),
                clientMode ? null : serverNameMatcher(),
                context.crypto(), context.clock(), enableSessionCreation,
                supplementalData, defaults().renegotiation(), RecordSizePolicy.of(defaults().recordSizeLimit(),
                        clientMode && defaults().maxFragmentLengthExtension(), maximumPacketSize),
                context.stapling(clientMode), context.keyLog());
    }

    /** ALPN (RFC 7301) as set; {@link ApplicationProtocols#NONE}, shared, when nothing is. */
    private ApplicationProtocols alpn(Function<List<String>, String> alpnSelector) {
        Function<List<String>, String> selector = clientMode ? null : alpnSelector;
        return applicationProtocols.isEmpty() && selector == null ? ApplicationProtocols.NONE
                : new ApplicationProtocols(applicationProtocols, selector);
    }

    /**
     * The named items we implement and jdk.tls.disabledAlgorithms permits, in the order given; unknown names are
     * ignored, as SunJSSE ignores them.
     */
    private static <T> List<T> named(List<String> names, Function<String, Optional<T>> byName, List<T> implemented,
            Predicate<T> permitted) {
        return names.stream().map(byName).flatMap(Optional::stream).distinct().filter(implemented::contains)
                .filter(permitted).toList();
    }

    /** SNIMatchers as a test of one requested host name (RFC 6066 §3); null when there are none. */
    private Predicate<String> serverNameMatcher() {
        if (sniMatchers == null || sniMatchers.isEmpty()) {
            return null;
        }
        List<SNIMatcher> hostMatchers = sniMatchers.stream()
                .filter(m -> m.getType() == StandardConstants.SNI_HOST_NAME).toList();
        if (hostMatchers.isEmpty()) {
            return null;
        }
        return name -> hostMatchers.stream().anyMatch(m -> m.matches(new SNIHostName(name)));
    }

    private boolean permits(CryptoPrimitive primitive, String name) {
        return algorithmConstraints == null || algorithmConstraints.permits(EnumSet.of(primitive), name, null);
    }

    /** Any name JSSE knows is accepted (the handshake uses those we implement); others are refused. */
    private static ProtocolVersion versionOf(CipherSuite suite) {
        return Tls13Suite.isTls13(suite) ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12;
    }

    static List<String> validProtocols(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("protocols must not be null");
        }
        for (String name : names) {
            if (name == null) {
                throw new IllegalArgumentException("protocol name must not be null");
            }
            if (!name.equals(SSLV2_HELLO) && ProtocolVersion.byName(name).isEmpty()) {
                throw new IllegalArgumentException("Unsupported protocol: " + name);
            }
        }
        return List.of(names);
    }

    /** Registered IANA names are accepted (the handshake uses those we implement); others are refused. */
    static List<String> validCipherSuites(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("cipher suites must not be null");
        }
        for (String name : names) {
            if (name == null) {
                throw new IllegalArgumentException("cipher suite name must not be null");
            }
            Optional<CipherSuite> suite = CipherSuite.byName(name);
            if (suite.isEmpty()) {
                throw new IllegalArgumentException("Unsupported CipherSuite: " + name);
            }
        }
        return List.of(names);
    }
}
