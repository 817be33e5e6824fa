package dev.xtls.testing;

import dev.xtls.message.CertificateEntry;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.Tls13Certificate;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The Certificate and CertificateVerify a scripted TLS 1.3 peer sends with an ECDSA P-256 credential. */
final class Tls13ScriptedAuthentication {
    private Tls13ScriptedAuthentication() {
    }

    /** RFC 8446 §4.4.2: the credential's chain with an empty request context. */
    static byte[] certificate(Credential credential) {
        List<CertificateEntry> chain = new ArrayList<>();
        for (X509Certificate c : credential.chain()) {
            try {
                chain.add(CertificateEntry.of(Bytes.of(c.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Tls13Certificate(Bytes.EMPTY, chain).encode();
    }

    /**
     * RFC 8446 §4.4.3: ecdsa_secp256r1_sha256 over 64 spaces, "TLS 1.3, {@code side} CertificateVerify", a zero
     * byte and the transcript hash.
     */
    static byte[] certificateVerify(Credential credential, String side, byte[] transcriptHash)
            throws GeneralSecurityException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(" ".repeat(64).getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(("TLS 1.3, " + side + " CertificateVerify").getBytes(StandardCharsets.US_ASCII));
        content.write(0);
        content.writeBytes(transcriptHash);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(credential.key());
        s.update(content.toByteArray());
        return new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, Bytes.of(s.sign())).encode();
    }
}
