package dev.xtls.jsse;

import dev.xtls.handshake.KeyExchangeAlgorithm;
import dev.xtls.handshake.RecordSizePolicy;
import dev.xtls.handshake.RenegotiationPolicy;
import dev.xtls.handshake.SuiteSpec;
import dev.xtls.handshake.tls13.Tls13Suite;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one context supports and enables, computed once when the context is initialised from the
 * {@code jdk.tls.*} system properties and the {@code jdk.tls.disabledAlgorithms} security property. The
 * {@code IMPLEMENTED_*} lists are the one place where suites, groups and schemes are added, in default
 * preference order.
 */
public record ProtocolDefaults(
        List<String> supportedProtocols,
        List<String> clientProtocols,
        List<String> serverProtocols,
        List<CipherSuite> supportedCipherSuites,
        List<CipherSuite> clientCipherSuites,
        List<CipherSuite> serverCipherSuites,
        List<NamedGroup> namedGroups,
        List<SignatureScheme> clientSignatureSchemes,
        List<SignatureScheme> serverSignatureSchemes,
        int maxHandshakeMessageSize,
        boolean extendedMasterSecret,
        RenegotiationPolicy renegotiation,
        DisabledAlgorithms disabled,
        boolean maxFragmentLengthExtension,
        int recordSizeLimit,
        CipherSuiteNames suiteNames) {

    public static final List<ProtocolVersion> IMPLEMENTED_PROTOCOLS = List.of(ProtocolVersion.TLS13,
            ProtocolVersion.TLS12);

    /** What a "TLSv1.2" context enables without jdk.tls.*.protocols: TLS 1.2 only. */
    public static final List<ProtocolVersion> DEFAULT_PROTOCOLS = List.of(ProtocolVersion.TLS12);

    /** What "TLSv1.3", "TLS" and "Default" contexts enable without jdk.tls.*.protocols: 1.3 preferred (as SunJSSE). */
    public static final List<ProtocolVersion> TLS13_CONTEXT_PROTOCOLS = IMPLEMENTED_PROTOCOLS;

    /** The TLS 1.3 suites first, as SunJSSE lists them; a TLS 1.2 handshake skips them and vice versa. */
    public static final List<CipherSuite> IMPLEMENTED_CIPHER_SUITES = java.util.stream.Stream.concat(
            Tls13Suite.defaultSuites().stream(), SuiteSpec.defaultSuites().stream()).toList();

    /**
     * What is enabled without a cipherSuites property: all but RSA key transport, whose decryption on the JCA's RSA
     * is not constant-time (Marvin), as JDK 24 disabled TLS_RSA_* (README "Side channels").
     */
    public static final List<CipherSuite> DEFAULT_CIPHER_SUITES = IMPLEMENTED_CIPHER_SUITES.stream()
            .filter(s -> !isRsaKeyTransport(s)).toList();

    public static final List<NamedGroup> IMPLEMENTED_GROUPS = List.of(
            NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448,
            NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096);

    public static final List<SignatureScheme> IMPLEMENTED_SIGNATURE_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512,
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512,
            SignatureScheme.ED25519, SignatureScheme.ED448, SignatureScheme.RSA_PSS_PSS_SHA256,
            SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512,
            // SHA-1 last: enabled only when a SignatureSchemes property names it (RFC 9155 §3)
            SignatureScheme.ECDSA_SHA1, SignatureScheme.RSA_PKCS1_SHA1);

    /** JDK 17's names; listing rsa_pkcs1_sha1 or ecdsa_sha1 in one re-enables SHA-1 for that side. */
    public static final String CLIENT_SIGNATURE_SCHEMES = "jdk.tls.client.SignatureSchemes";
    public static final String SERVER_SIGNATURE_SCHEMES = "jdk.tls.server.SignatureSchemes";

    /** SunJSSE uses 32768; larger certificate chains are common enough that we allow 64 KiB. */
    public static final int DEFAULT_MAX_HANDSHAKE_MESSAGE_SIZE = 65536;

    public ProtocolDefaults {
        supportedProtocols = List.copyOf(supportedProtocols);
        clientProtocols = List.copyOf(clientProtocols);
        serverProtocols = List.copyOf(serverProtocols);
        supportedCipherSuites = List.copyOf(supportedCipherSuites);
        clientCipherSuites = List.copyOf(clientCipherSuites);
        serverCipherSuites = List.copyOf(serverCipherSuites);
        namedGroups = List.copyOf(namedGroups);
        clientSignatureSchemes = List.copyOf(clientSignatureSchemes);
        serverSignatureSchemes = List.copyOf(serverSignatureSchemes);
    }

    /** The defaults with their suite names derived from the suites. */
    public ProtocolDefaults(List<String> supportedProtocols, List<String> clientProtocols, List<String> serverProtocols,
            List<CipherSuite> supportedCipherSuites, List<CipherSuite> clientCipherSuites,
            List<CipherSuite> serverCipherSuites, List<NamedGroup> namedGroups,
            List<SignatureScheme> clientSignatureSchemes, List<SignatureScheme> serverSignatureSchemes,
            int maxHandshakeMessageSize, boolean extendedMasterSecret, RenegotiationPolicy renegotiation,
            DisabledAlgorithms disabled, boolean maxFragmentLengthExtension, int recordSizeLimit) {
        this(supportedProtocols, clientProtocols, serverProtocols, supportedCipherSuites, clientCipherSuites,
                serverCipherSuites, namedGroups, clientSignatureSchemes, serverSignatureSchemes,
                maxHandshakeMessageSize, extendedMasterSecret, renegotiation, disabled, maxFragmentLengthExtension,
                recordSizeLimit, CipherSuiteNames.of(supportedCipherSuites, clientCipherSuites, serverCipherSuites));
    }

    /** Reads the current system and security properties. */
    public static ProtocolDefaults fromSystem() {
        return fromSystem(DEFAULT_PROTOCOLS);
    }

    /** As {@link #fromSystem()} for a context whose protocols enabled by default are {@code contextProtocols}. */
    public static ProtocolDefaults fromSystem(List<ProtocolVersion> contextProtocols) {
        return from(System::getProperty, Security::getProperty, contextProtocols);
    }

    /**
     * Computes the defaults from property values: {@code systemProperty} answers {@code jdk.tls.*} names,
     * {@code securityProperty} answers {@code jdk.tls.disabledAlgorithms} and what it includes. Unknown names in a
     * list are ignored; a list property that names nothing we implement leaves that list empty, so that a user who
     * restricted it to, say, TLSv1.3 never silently gets TLSv1.2.
     */
    public static ProtocolDefaults from(Function<String, String> systemProperty,
            Function<String, String> securityProperty) {
        return from(systemProperty, securityProperty, DEFAULT_PROTOCOLS);
    }

    /** As above; without a jdk.tls.*.protocols property each side enables those of {@code contextProtocols}. */
    public static ProtocolDefaults from(Function<String, String> systemProperty,
            Function<String, String> securityProperty, List<ProtocolVersion> contextProtocols) {
        DisabledAlgorithms disabled = DisabledAlgorithms.parse(
                securityProperty.apply(DisabledAlgorithms.PROPERTY), securityProperty);

        List<String> implementedProtocols = IMPLEMENTED_PROTOCOLS.stream().map(ProtocolVersion::name).toList();
        List<String> supportedProtocols = filter(implementedProtocols, disabled::permitsProtocol);
        List<String> defaultProtocols = filter(supportedProtocols,
                p -> contextProtocols.stream().anyMatch(v -> v.name().equals(p)));
        List<CipherSuite> supportedSuites = filter(IMPLEMENTED_CIPHER_SUITES, disabled::permitsSuite);
        List<CipherSuite> defaultSuites = filter(DEFAULT_CIPHER_SUITES, disabled::permitsSuite);
        List<SignatureScheme> supportedSchemes = filter(IMPLEMENTED_SIGNATURE_SCHEMES, disabled::permitsScheme);
        // RFC 9155 §3: SHA-1 is neither offered nor requested unless a legacy peer needs it and a property says so
        List<SignatureScheme> defaultSchemes = filter(supportedSchemes, s -> !s.usesSha1());

        return new ProtocolDefaults(
                supportedProtocols,
                select(systemProperty.apply("jdk.tls.client.protocols"), supportedProtocols, defaultProtocols,
                        ProtocolDefaults::protocol),
                select(systemProperty.apply("jdk.tls.server.protocols"), supportedProtocols, defaultProtocols,
                        ProtocolDefaults::protocol),
                supportedSuites,
                select(systemProperty.apply("jdk.tls.client.cipherSuites"), supportedSuites, defaultSuites,
                        CipherSuite::byName),
                select(systemProperty.apply("jdk.tls.server.cipherSuites"), supportedSuites, defaultSuites,
                        CipherSuite::byName),
                select(systemProperty.apply("jdk.tls.namedGroups"),
                        filter(IMPLEMENTED_GROUPS, disabled::permitsGroup), NamedGroup::byName),
                select(systemProperty.apply(CLIENT_SIGNATURE_SCHEMES), supportedSchemes, defaultSchemes,
                        SignatureScheme::byName),
                select(systemProperty.apply(SERVER_SIGNATURE_SCHEMES), supportedSchemes, defaultSchemes,
                        SignatureScheme::byName),
                positiveInt(systemProperty.apply("jdk.tls.maxHandshakeMessageSize"),
                        DEFAULT_MAX_HANDSHAKE_MESSAGE_SIZE),
                !"false".equalsIgnoreCase(trimmed(systemProperty.apply("jdk.tls.useExtendedMasterSecret"))),
                renegotiationPolicy(systemProperty),
                disabled,
                // as SunJSSE: a client asks for max_fragment_length only with this switch (RFC 6066 §4)
                "true".equalsIgnoreCase(trimmed(systemProperty.apply("jsse.enableMFLNExtension"))),
                positiveInt(systemProperty.apply("dev.xtls.recordSizeLimit"),
                        RecordSizePolicy.DEFAULT.recordSizeLimit()));
    }

    /**
     * Client-initiated renegotiation is refused unless jdk.tls.rejectClientInitiatedRenegotiation=false (SunJSSE
     * accepts it by default); the server certificate may change only with jdk.tls.allowUnsafeServerCertChange=true.
     */
    private static RenegotiationPolicy renegotiationPolicy(Function<String, String> systemProperty) {
        String reject = trimmed(systemProperty.apply("jdk.tls.rejectClientInitiatedRenegotiation"));
        String certChange = trimmed(systemProperty.apply("jdk.tls.allowUnsafeServerCertChange"));
        return new RenegotiationPolicy("false".equalsIgnoreCase(reject), "true".equalsIgnoreCase(certChange),
                RenegotiationPolicy.DEFAULT_MAX_PEER_INITIATED);
    }

    /** TLS_RSA_WITH_*: the premaster secret encrypted to the server's RSA key (RFC 5246 §7.4.7.1). */
    public static boolean isRsaKeyTransport(CipherSuite suite) {
        return SuiteSpec.of(suite).map(s -> s.keyExchange() == KeyExchangeAlgorithm.RSA).orElse(false);
    }

    public List<String> protocols(boolean client) {
        return client ? clientProtocols : serverProtocols;
    }

    public List<CipherSuite> cipherSuites(boolean client) {
        return client ? clientCipherSuites : serverCipherSuites;
    }

    /** The JSSE names of {@link #cipherSuites}, listed once per context (an engine compares its lists to them). */
    public List<String> cipherSuiteNames(boolean client) {
        return client ? suiteNames.client() : suiteNames.server();
    }

    public List<String> supportedCipherSuiteNames() {
        return suiteNames.supported();
    }

    /** The suite lists' JSSE names, made once when the defaults are. */
    public record CipherSuiteNames(List<String> supported, List<String> client, List<String> server) {
        public CipherSuiteNames {
            supported = List.copyOf(supported);
            client = List.copyOf(client);
            server = List.copyOf(server);
        }

        static CipherSuiteNames of(List<CipherSuite> supported, List<CipherSuite> client, List<CipherSuite> server) {
            return new CipherSuiteNames(names(supported), names(client), names(server));
        }

        private static List<String> names(List<CipherSuite> suites) {
            return suites.stream().map(CipherSuite::name).toList();
        }
    }

    public List<SignatureScheme> signatureSchemes(boolean client) {
        return client ? clientSignatureSchemes : serverSignatureSchemes;
    }

    /** A comma-separated property value as trimmed, unquoted, non-empty items ({@code "a", b} is [a, b]). */
    static List<String> parseList(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String item : value.split(",")) {
            String s = item.trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).trim();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Without the property: all of {@code available}. With it: its known names that are available, its order. */
    private static <T> List<T> select(String property, List<T> available, Function<String, Optional<T>> byName) {
        return select(property, available, available, byName);
    }

    /** As above, but without the property only {@code byDefault}, a part of {@code available}. */
    private static <T> List<T> select(String property, List<T> available, List<T> byDefault,
            Function<String, Optional<T>> byName) {
        if (property == null || property.isBlank()) {
            return byDefault;
        }
        Set<T> chosen = new LinkedHashSet<>();
        for (String name : parseList(property)) {
            byName.apply(name).filter(available::contains).ifPresent(chosen::add);
        }
        return List.copyOf(chosen);
    }

    private static Optional<String> protocol(String name) {
        return ProtocolVersion.byName(name).map(ProtocolVersion::name);
    }

    private static <T> List<T> filter(List<T> items, Predicate<T> keep) {
        return items.stream().filter(keep).toList();
    }

    private static int positiveInt(String value, int fallback) {
        try {
            int n = value == null ? fallback : Integer.parseInt(value.trim());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
