package dev.xtls.it.apps;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * Tomcat's {@link org.apache.tomcat.util.net.SSLContext} over an initialised JSSE {@code SSLContext} (here an Xtls
 * one), for {@code SSLHostConfigCertificate.setSslContext}: Tomcat's way to hand an embedded connector a ready
 * context instead of building one from key stores with the default provider. Records the engines it made.
 */
final class TomcatSslContext implements org.apache.tomcat.util.net.SSLContext {
    private final SSLContext context;
    private final X509Certificate[] chain;
    private final List<SSLEngine> engines = new CopyOnWriteArrayList<>();

    TomcatSslContext(SSLContext context, X509Certificate[] chain) {
        this.context = context;
        this.chain = chain.clone();
    }

    /** Every engine Tomcat asked for, in order. */
    List<SSLEngine> engines() {
        return List.copyOf(engines);
    }

    @Override
    public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
        throw new UnsupportedOperationException("the wrapped SSLContext is already initialised");
    }

    @Override
    public void destroy() {
        // the wrapped context holds nothing to free
    }

    @Override
    public SSLSessionContext getServerSessionContext() {
        return context.getServerSessionContext();
    }

    @Override
    public SSLEngine createSSLEngine() {
        SSLEngine engine = context.createSSLEngine();
        engines.add(engine);
        return engine;
    }

    @Override
    public SSLServerSocketFactory getServerSocketFactory() {
        return context.getServerSocketFactory();
    }

    @Override
    public SSLParameters getSupportedSSLParameters() {
        return context.getSupportedSSLParameters();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return chain.clone();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0]; // no client authentication on this connector
    }
}
