package dev.xtls.jetty;

import dev.xtls.jsse.XtlsSSLEngine;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.alpn.client.ALPNClientConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Client-side ALPN for Jetty's HttpClient on Xtls engines: Jetty's JDK processor ({@code JDK9ClientALPNProcessor})
 * takes only engines from java.base, so without this one Jetty refuses an Xtls engine ("No ALPNProcessor"). It
 * offers the connection's protocols through {@code SSLParameters} and reports the server's choice (RFC 7301 §3.1);
 * registered in {@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Client}.
 */
public final class XtlsClientAlpnProcessor implements ALPNProcessor.Client {

    @Override
    public boolean appliesTo(SSLEngine engine) {
        return engine instanceof XtlsSSLEngine;
    }

    @Override
    public void configure(SSLEngine engine, Connection connection) {
        ALPNClientConnection alpn = (ALPNClientConnection) connection;
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(alpn.getProtocols().toArray(String[]::new));
        engine.setSSLParameters(parameters);
        SslConnection tls = ((SslConnection.SslEndPoint) alpn.getEndPoint()).getSslConnection();
        tls.addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                String protocol = engine.getApplicationProtocol();
                // "" is a server that answered without ALPN: Jetty then falls back to its default protocol
                alpn.selected(protocol == null || protocol.isEmpty() ? null : protocol);
            }
        });
    }
}
