package dev.xtls.handshake;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.message.Extension;
import dev.xtls.message.ext.AlpnProtocols;
import dev.xtls.message.ext.EcPointFormats;
import dev.xtls.message.ext.EncryptThenMac;
import dev.xtls.message.ext.ExtendedMasterSecret;
import dev.xtls.message.ext.PostHandshakeAuth;
import dev.xtls.message.ext.PskKeyExchangeModes;
import dev.xtls.message.ext.SignatureAlgorithms;
import dev.xtls.message.ext.StatusRequest;
import dev.xtls.message.ext.SupportedGroups;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The parts of a client's ClientHello that depend only on its configuration, built once and shared by every
 * handshake with an equal configuration ({@link ClientHelloTemplates}): the suites, groups and schemes offered and
 * the extensions made of them, already encoded. Random, session id, server_name, renegotiation_info, the ticket,
 * the key share and the PSK are each handshake's own (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2).
 *
 * @param inputs what of the configuration this template was built from
 * @param tls12 whether TLS 1.2 is enabled
 * @param suites the TLS 1.2 suites offered, empty when TLS 1.2 is not
 * @param suites13 the TLS 1.3 suites offered, empty when TLS 1.3 is not
 * @param offered cipher_suites: the TLS 1.3 suites, then the TLS 1.2 ones
 * @param groups supported_groups: RFC 7919 §3, FFDHE groups with DHE suites, EC groups with ECDHE, all for 1.3
 * @param schemes signature_algorithms
 * @param ecdhe whether a TLS 1.2 ECDHE suite is offered
 * @param dhe whether a TLS 1.2 DHE suite is offered
 * @param common supported_groups to status_request, in the order they are sent after server_name
 * @param tls13Versions supported_versions (RFC 8446 §4.2.1), null when TLS 1.3 is not offered
 * @param tls13Tail post_handshake_auth and psk_key_exchange_modes as configured, sent after key_share
 */
public record ClientHelloTemplate(Inputs inputs, boolean tls12, List<CipherSuite> suites, List<CipherSuite> suites13,
        List<CipherSuite> offered, List<NamedGroup> groups, List<SignatureScheme> schemes, boolean ecdhe, boolean dhe, List<Extension> common,
        Extension tls13Versions, List<Extension> tls13Tail) {

    /**
     * Everything of a {@link HandshakeConfig} (and whether the handshake is the connection's first) that goes
     * into a template; equal inputs give an equal template. The crypto is compared by identity: one per context.
     */
    public record Inputs(List<ProtocolVersion> versions, List<CipherSuite> cipherSuites, List<NamedGroup> namedGroups,
            List<SignatureScheme> signatureSchemes, boolean extendedMasterSecret, List<String> alpn,
            RecordSizePolicy recordSizes, boolean requestStatus, boolean tickets, List<Integer> pskModes,
            boolean keyManager, boolean initial, TlsCrypto crypto) {
        public static Inputs of(HandshakeConfig config, boolean initial) {
            return new Inputs(config.versions(), config.cipherSuites(), config.namedGroups(),
                    config.signatureSchemes(), config.extendedMasterSecret(),
                    config.applicationProtocols().protocols(), config.recordSizes(),
                    config.stapling().clientRequests(), config.sessionStore().ticketsEnabled(),
                    config.sessionStore().tls13PskModes(), config.credentials().hasKeyManager(), initial,
                    config.crypto());
        }
    }

    public ClientHelloTemplate {
        suites = List.copyOf(suites);
        suites13 = List.copyOf(suites13);
        offered = List.copyOf(offered);
        groups = List.copyOf(groups);
        schemes = List.copyOf(schemes);
        common = List.copyOf(common);
        tls13Tail = List.copyOf(tls13Tail);
    }

    public boolean tls13() {
        return tls13Versions != null;
    }

    /**
     * Builds the template; {@code tls13Suite} tells the TLS 1.3 suites this implementation has. The caller checks
     * that something can be offered at all.
     */
    public static ClientHelloTemplate build(Inputs in, Predicate<CipherSuite> tls13Suite) {
        TlsCrypto crypto = in.crypto();
        boolean tls12 = in.versions().contains(ProtocolVersion.TLS12);
        List<CipherSuite> suites13 = in.cipherSuites().stream().filter(tls13Suite).toList();
        // RFC 8446 §4.1.2 / §D: a renegotiation of a TLS 1.2 connection stays TLS 1.2
        boolean tls13 = in.versions().contains(ProtocolVersion.TLS13) && in.initial() && !suites13.isEmpty();
        List<CipherSuite> suites = !tls12 ? List.of() : in.cipherSuites().stream()
                .filter(s -> SuiteSpec.of(s).isPresent()).toList();
        boolean ecdhe = suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().keyExchange().isEcdhe());
        boolean dhe = suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().keyExchange().isDhe());
        List<NamedGroup> groups = in.namedGroups().stream().filter(crypto::supportsGroup)
                .filter(g -> tls13 || (g.isFiniteField() ? dhe : ecdhe)).toList();
        List<SignatureScheme> schemes = in.signatureSchemes().stream()
                .filter(crypto::supportsSignatureScheme).toList();
        List<Extension> ext = new ArrayList<>();
        if (!groups.isEmpty()) {
            ext.add(new SupportedGroups(groups).toExtension());
        }
        if (ecdhe) {
            ext.add(new EcPointFormats(Bytes.wrap(new byte[] {EcPointFormats.UNCOMPRESSED})).toExtension());
        }
        ext.add(new SignatureAlgorithms(schemes).toExtension());
        ext.add(CertificateSignatureSchemes.extension(schemes)); // RFC 8446 §4.2.3, always as SunJSSE
        if (in.extendedMasterSecret() && tls12) {
            ext.add(ExtendedMasterSecret.extension());
        }
        if (suites.stream().anyMatch(s -> SuiteSpec.of(s).orElseThrow().isCbc())) {
            ext.add(EncryptThenMac.extension()); // RFC 7366 §2
        }
        if (!in.alpn().isEmpty()) {
            ext.add(new AlpnProtocols(in.alpn()).toExtension()); // RFC 7301 §3.1
        }
        ext.addAll(RecordSizeNegotiation.offer(in.recordSizes(), tls13)); // RFC 8449 §4, RFC 6066 §4
        if (in.requestStatus()) {
            ext.add(StatusRequest.ocspRequest()); // RFC 6066 §8
        }
        Extension versions = null;
        List<Extension> tail = new ArrayList<>();
        if (tls13) {
            // §4.2.1: 1.3, then 1.2 when it is enabled too, in preference order
            versions = new SupportedVersions(tls12 ? List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                    : List.of(ProtocolVersion.TLS13)).toExtension();
            if (in.keyManager()) {
                tail.add(PostHandshakeAuth.extension()); // RFC 8446 §4.2.6: we answer a later CertificateRequest
            }
            if (in.tickets()) {
                // RFC 8446 §4.2.9: the configured modes (psk_dhe_ke by default), so that the server sends tickets
                tail.add(new PskKeyExchangeModes(in.pskModes()).toExtension());
            }
        }
        List<CipherSuite> offered13 = tls13 ? suites13 : List.of();
        List<CipherSuite> offered = new ArrayList<>(offered13);
        offered.addAll(suites);
        return new ClientHelloTemplate(in, tls12, suites, offered13, offered, groups, schemes, ecdhe, dhe, ext,
                versions, tail);
    }
}
