package dev.xtls.interop;

import dev.xtls.message.CertificateRequest;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.WireRecord;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/** Contexts and engines for client-authentication tests, with key and trust managers given directly. */
final class ClientAuthSetup {
    static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final int CERTIFICATE_REQUEST = 13;

    /** How the server asks for a client certificate. */
    enum Mode {
        NEED, WANT;

        void apply(SSLEngine server) {
            if (this == NEED) {
                server.setNeedClientAuth(true);
            } else {
                server.setWantClientAuth(true);
            }
        }
    }

    private ClientAuthSetup() {
    }

    /** A TLSv1.2 context of {@code peer} with {@code keyManager} (null: none) and {@code trustManager}. */
    static SSLContext context(Peer peer, X509ExtendedKeyManager keyManager, X509TrustManager trustManager) {
        try {
            SSLContext ctx = SSLContext.getInstance(Peer.TLS12, peer.provider());
            KeyManager[] kms = keyManager == null ? null : new KeyManager[] {keyManager};
            ctx.init(kms, new TrustManager[] {trustManager}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build " + peer + " SSLContext", e);
        }
    }

    static SSLEngine client(Peer peer, X509ExtendedKeyManager keyManager, X509TrustManager trustManager) {
        return Peer.engine(context(peer, keyManager, trustManager), Role.CLIENT, SUITE);
    }

    /** A server with the peer's own managers (BCJSSE's key types need its key manager) over these stores. */
    static SSLEngine server(Peer peer, KeyStore trustStore, KeyStore keyStore, Mode mode) {
        SSLEngine server = Peer.engine(peer.context(trustStore, keyStore), Role.SERVER, SUITE);
        mode.apply(server);
        return server;
    }

    /** The CertificateRequest among the plaintext handshake records a server sent (before ChangeCipherSpec). */
    static CertificateRequest certificateRequest(List<WireRecord> serverRecords) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        for (WireRecord r : serverRecords) {
            if (r.contentType() == WireRecord.CHANGE_CIPHER_SPEC) {
                break;
            }
            if (r.contentType() == WireRecord.HANDSHAKE) {
                handshake.writeBytes(r.fragment());
            }
        }
        byte[] b = handshake.toByteArray();
        for (int at = 0; at + 4 <= b.length; ) {
            int length = ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
            if (b[at] == CERTIFICATE_REQUEST) {
                return CertificateRequest.decode(Arrays.copyOfRange(b, at + 4, at + 4 + length));
            }
            at += 4 + length;
        }
        throw new AssertionError("the server sent no CertificateRequest");
    }
}
