package dev.xtls.session;

import dev.xtls.crypto.Secret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext inside a ticket (our RFC 5077 §4 "StatePlaintext"), in RFC 5246 §4 notation:
 *
 * <pre>
 * struct {
 *     uint8 format = 4;             // 5: a TLS 1.3 ticket's state (2 and 3 carried our chain's DER)
 *     ProtocolVersion protocol_version;
 *     CipherSuite cipher_suite;
 *     opaque master_secret[48];     // format 5: opaque psk&lt;32..48&gt; (RFC 8446 §4.6.1)
 *     uint8 flags;                  // 1: extended_master_secret (RFC 7627 §5.3), 2: encrypt_then_mac,
 *                                   // 4: application_protocol set, 8: group set, 16: peer_signature_scheme set
 *     uint64 creation_time;         // ms since the epoch: SSLSession.getCreationTime()
 *     uint32 lifetime;              // seconds after creation_time the ticket resumes
 *     opaque session_id&lt;0..32&gt;;
 *     NamedGroup group;             // 0 unless flag 8
 *     SignatureScheme peer_signature_scheme; // 0 unless flag 16
 *     opaque application_protocol&lt;0..2^16-1&gt;;          // UTF-8
 *     HostName requested_server_names&lt;0..2^16-1&gt;;      // each opaque&lt;1..2^16-1&gt;, UTF-8
 *     SignatureScheme local_signature_schemes&lt;0..2^16-2&gt;;
 *     SignatureScheme peer_signature_schemes&lt;0..2^16-2&gt;;
 *     ASN.1Cert peer_certificates&lt;0..2^24-1&gt;;   // DER, as in RFC 5246 §7.4.2; empty without client auth
 *     opaque local_alias&lt;0..2^16-1&gt;;    // UTF-8 key manager alias of our chain; empty: we sent none
 *     opaque local_leaf_sha256&lt;0..32&gt;; // SHA-256 of our leaf's DER: 32 bytes with an alias, else empty
 *     SupplementalDataEntry supplemental_data&lt;0..2^24-1&gt;; // RFC 4680 §2, by ascending type
 *     uint32 ticket_age_add;        // format 5 only (TLS 1.3, RFC 8446 §4.6.1)
 *     uint64 issued_time;           // format 5 only: ms since the epoch the ticket was issued
 * } TicketState;
 * </pre>
 *
 * Our own chain is named, not carried ({@link LocalChainReference}): the server looks it up when the ticket comes
 * back. Unknown format or flag bits and trailing bytes are decode errors.
 */
final class TicketStateCodec {
    static final int FORMAT = 4;
    /** TLS 1.3: a length byte before the PSK, and age_add and issue time at the end. */
    static final int FORMAT_TLS13 = 5;
    /** master_secret follows format, protocol_version and cipher_suite (and, format 5, the PSK's length). */
    private static final int MASTER_SECRET_OFFSET = 5;
    private static final int EMS = 1;
    private static final int ETM = 2;
    private static final int HAS_ALPN = 4;
    private static final int HAS_GROUP = 8;
    private static final int HAS_PEER_SCHEME = 16;

    private TicketStateCodec() {
    }

    /** The encoded state; the caller wipes it after sealing. */
    static byte[] encode(TicketContents contents) {
        SessionState s = contents.session();
        TlsWriter w = new TlsWriter(1024);
        boolean tls13 = s.pskTicket() != null;
        w.u8(tls13 ? FORMAT_TLS13 : FORMAT).u16(s.version().code()).u16(s.cipherSuite().code());
        if (tls13) {
            w.u8(s.masterSecret().length());
        }
        // zeros here; the secret is written into the final array only, never into the writer's growing buffer
        w.bytes(new byte[s.masterSecret().length()]);
        int flags = (s.extendedMasterSecret() ? EMS : 0) | (s.encryptThenMac() ? ETM : 0)
                | (s.applicationProtocol() != null ? HAS_ALPN : 0) | (s.group() != null ? HAS_GROUP : 0)
                | (s.peerSignatureScheme() != null ? HAS_PEER_SCHEME : 0);
        w.u8(flags);
        w.u32(s.creationTimeMillis() >>> 32).u32(s.creationTimeMillis() & 0xFFFFFFFFL);
        w.u32(contents.lifetimeSeconds());
        w.opaque8(s.sessionId().toByteArray());
        w.u16(s.group() != null ? s.group().code() : 0);
        w.u16(s.peerSignatureScheme() != null ? s.peerSignatureScheme().code() : 0);
        w.opaque16(s.applicationProtocol() != null ? utf8(s.applicationProtocol()) : new byte[0]);
        w.prefixed16(names -> s.requestedServerNames().forEach(n -> names.opaque16(utf8(n))));
        w.prefixed16(schemes -> s.localSignatureSchemes().forEach(x -> schemes.u16(x.code())));
        w.prefixed16(schemes -> s.peerSignatureSchemes().forEach(x -> schemes.u16(x.code())));
        w.prefixed24(chain -> s.peerCertificates().forEach(c -> chain.opaque24(der(c))));
        LocalChainReference local = contents.localChain();
        w.opaque16(local != null ? utf8(local.alias()) : new byte[0]);
        w.opaque8(local != null ? local.leafSha256().toByteArray() : new byte[0]);
        w.prefixed24(entries -> new TreeMap<>(s.supplementalData()).forEach((type, data) -> {
            entries.u16(type);
            entries.opaque16(data.toByteArray());
        }));
        if (tls13) {
            w.u32(s.pskTicket().ageAdd());
            w.u32(s.pskTicket().issuedMillis() >>> 32).u32(s.pskTicket().issuedMillis() & 0xFFFFFFFFL);
        }
        byte[] out = w.toByteArray();
        byte[] secret = s.masterSecret().reveal();
        System.arraycopy(secret, 0, out, MASTER_SECRET_OFFSET + (tls13 ? 1 : 0), secret.length);
        Arrays.fill(secret, (byte) 0);
        return out;
    }

    /** Decodes authenticated bytes; anything malformed, including a certificate, is a DecodeException. */
    static TicketContents decode(byte[] encoded) {
        TlsReader r = TlsReader.of(encoded);
        int format = r.u8();
        if (format != FORMAT && format != FORMAT_TLS13) {
            throw new DecodeException("ticket state format " + format + ", expected " + FORMAT + " or "
                    + FORMAT_TLS13);
        }
        boolean tls13 = format == FORMAT_TLS13;
        ProtocolVersion version = ProtocolVersion.of(r.u16());
        CipherSuite suite = CipherSuite.of(r.u16());
        int secretLength = tls13 ? r.u8() : TicketContents.MASTER_SECRET_LENGTH;
        if (secretLength != 32 && secretLength != 48) {
            // RFC 8446 §4.6.1: the resumption PSK is Hash.length bytes, SHA-256 or SHA-384
            throw new DecodeException("ticket state: TLS 1.3 resumption secret of " + secretLength
                    + " bytes, expected 32 or 48 (RFC 8446 §4.6.1)");
        }
        Secret masterSecret = Secret.wrap(r.bytes(secretLength));
        try {
            int flags = r.u8();
            if ((flags & ~(EMS | ETM | HAS_ALPN | HAS_GROUP | HAS_PEER_SCHEME)) != 0) {
                throw new DecodeException("unknown ticket state flags " + Integer.toHexString(flags));
            }
            long creation = (r.u32() << 32) | r.u32();
            long lifetime = r.u32();
            byte[] sessionId = r.opaque8();
            if (sessionId.length > 32) {
                throw new DecodeException("session id of " + sessionId.length + " bytes (RFC 5246 §7.4.1.2: at most 32)");
            }
            int group = r.u16();
            int peerScheme = r.u16();
            String alpn = new String(r.opaque16(), StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            for (TlsReader list = r.sub16(); list.hasRemaining(); ) {
                names.add(new String(list.opaque16(), StandardCharsets.UTF_8));
            }
            List<SignatureScheme> localSchemes = schemes(r.sub16());
            List<SignatureScheme> peerSchemes = schemes(r.sub16());
            List<X509Certificate> peerChain = certificates(r.sub24());
            LocalChainReference localChain = localChain(r.opaque16(), r.opaque8());
            Map<Integer, Bytes> supplementalData = supplementalData(r.sub24());
            PskTicket psk = tls13 ? new PskTicket(r.u32(), (r.u32() << 32) | r.u32(), lifetime) : null;
            r.expectEnd("ticket state");
            SessionState session = new SessionState(Bytes.wrap(sessionId), version, suite, masterSecret,
                    (flags & EMS) != 0, (flags & ETM) != 0, (flags & HAS_ALPN) != 0 ? alpn : null,
                    (flags & HAS_GROUP) != 0 ? NamedGroup.of(group) : null,
                    (flags & HAS_PEER_SCHEME) != 0 ? SignatureScheme.of(peerScheme) : null, peerChain, List.of(), names,
                    localSchemes, peerSchemes, null, -1, creation, Bytes.EMPTY, supplementalData, psk,
                    List.of(), null);
            if (lifetime == 0) {
                throw new DecodeException("ticket lifetime 0");
            }
            return new TicketContents(session, lifetime, localChain);
        } catch (RuntimeException e) {
            masterSecret.destroy();
            throw e;
        }
    }

    /** Both empty: we sent no certificate; otherwise an alias and a 32-byte SHA-256. */
    private static LocalChainReference localChain(byte[] alias, byte[] leafSha256) {
        if (alias.length == 0 && leafSha256.length == 0) {
            return null;
        }
        if (alias.length == 0 || leafSha256.length != LocalChainReference.DIGEST_LENGTH) {
            throw new DecodeException("ticket state: our chain's reference has a " + alias.length
                    + "-byte alias and a " + leafSha256.length + "-byte digest, expected both empty or an alias and "
                    + LocalChainReference.DIGEST_LENGTH + " bytes of SHA-256");
        }
        try {
            return new LocalChainReference(new String(alias, StandardCharsets.UTF_8), Bytes.wrap(leafSha256));
        } catch (IllegalArgumentException e) { // bytes that are not UTF-8 may grow past the bound as U+FFFD
            throw new DecodeException("ticket state: our chain's alias: " + e.getMessage());
        }
    }

    private static Map<Integer, Bytes> supplementalData(TlsReader list) {
        Map<Integer, Bytes> out = new HashMap<>();
        while (list.hasRemaining()) {
            int type = list.u16();
            if (out.put(type, Bytes.wrap(list.opaque16())) != null) {
                throw new DecodeException("supplemental data type " + type + " twice in the ticket");
            }
        }
        return out;
    }

    private static List<SignatureScheme> schemes(TlsReader list) {
        List<SignatureScheme> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(SignatureScheme.of(list.u16()));
        }
        return out;
    }

    private static List<X509Certificate> certificates(TlsReader list) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (list.hasRemaining()) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(list.opaque24())));
            }
        } catch (CertificateException | ClassCastException e) {
            throw new DecodeException("certificate " + out.size() + " in the ticket does not parse: " + e.getMessage());
        }
        return out;
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal() + " into a ticket", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
