package dev.xtls.jetty;

import dev.xtls.jsse.XtlsSSLEngine;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Server-side ALPN for Jetty on Xtls engines. Jetty finds its ALPN processors with {@code ServiceLoader}, and its
 * JDK one ({@code JDK9ServerALPNProcessor}) takes only engines whose class is in module java.base, so Jetty closes
 * every connection of a provider it does not know (Conscrypt ships its own processor for the same reason). This
 * one uses nothing but the standard {@code SSLEngine} ALPN API (RFC 7301 §3.2); this module registers it in
 * {@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server}.
 */
public final class XtlsServerAlpnProcessor implements ALPNProcessor.Server {

    @Override
    public boolean appliesTo(SSLEngine engine) {
        return engine instanceof XtlsSSLEngine;
    }

    @Override
    public void configure(SSLEngine engine, Connection connection) {
        ALPNServerConnection alpn = (ALPNServerConnection) connection;
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> {
            try {
                alpn.select(offered);
            } catch (IllegalStateException noOverlap) {
                return null; // Xtls then refuses the handshake with no_application_protocol
            }
            return alpn.getProtocol();
        });
        // A client without ALPN never reaches the selector: it gets the default protocol once the handshake is done.
        SslConnection tls = ((SslConnection.SslEndPoint) alpn.getEndPoint()).getSslConnection();
        tls.addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                if (alpn.getProtocol() == null) {
                    alpn.unsupported();
                }
            }
        });
    }
}
