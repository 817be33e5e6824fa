package dev.xtls.x509;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of Xtls's TrustManagerFactory "PKIX", checking what SunJSSE's PKIX trust manager checks: the
 * chain validates to a trust anchor (RFC 5280 §6, {@link PkixChainValidator}), the leaf may be used for TLS server or
 * client authentication ({@link EndEntityUsage}) and, inside a handshake, names the host the endpoint
 * identification algorithm asks for ({@link EndpointIdentification}) and uses algorithms this side offered and
 * its SSLParameters permit ({@link ChainAlgorithmConstraints}). Thread-safe: immutable.
 */
public final class PkixTrustManager extends X509ExtendedTrustManager {
    private final PkixChainValidator validator;
    private final LongSupplier clock;

    PkixTrustManager(PkixChainValidator validator, LongSupplier clock) {
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, true, null, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, false, null, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        SSLSocket ssl = connected(socket);
        check(chain, authType, true, ssl == null ? null : ssl.getHandshakeSession(),
                ssl == null ? null : ssl.getSSLParameters());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        SSLSocket ssl = connected(socket);
        check(chain, authType, false, ssl == null ? null : ssl.getHandshakeSession(),
                ssl == null ? null : ssl.getSSLParameters());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, true, engine == null ? null : engine.getHandshakeSession(),
                engine == null ? null : engine.getSSLParameters());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, false, engine == null ? null : engine.getHandshakeSession(),
                engine == null ? null : engine.getSSLParameters());
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return validator.acceptedIssuers();
    }

    private void check(X509Certificate[] chain, String authType, boolean checkingClient, SSLSession handshake,
            SSLParameters parameters) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("null or zero-length certificate chain");
        }
        if (authType == null || authType.isEmpty()) {
            throw new IllegalArgumentException("null or zero-length authentication type");
        }
        boolean trustedLeaf = validator.validate(chain, new Date(clock.getAsLong()), stapledResponses(handshake));
        if (!trustedLeaf) { // as SunJSSE: a trust anchor's own usage is not checked
            if (checkingClient) {
                EndEntityUsage.checkClient(chain[0]);
            } else {
                EndEntityUsage.checkServer(chain[0], authType);
            }
        }
        if (handshake != null && parameters != null) {
            EndpointIdentification.check(parameters.getEndpointIdentificationAlgorithm(), handshake, chain[0],
                    checkingClient);
            ChainAlgorithmConstraints.check(chain, getAcceptedIssuers(), handshake,
                    parameters.getAlgorithmConstraints());
        }
    }

    /** The OCSP responses the peer stapled in this handshake (RFC 6066 §8), in chain order; empty if none. */
    private static List<byte[]> stapledResponses(SSLSession handshake) {
        return handshake instanceof ExtendedSSLSession extended ? extended.getStatusResponses() : List.of();
    }

    private static SSLSocket connected(Socket socket) {
        return socket instanceof SSLSocket ssl && ssl.isConnected() ? ssl : null;
    }
}
