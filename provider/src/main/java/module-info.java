/**
 * The Xtls TLS provider as a Java module. On the module path {@code ServiceLoader} finds it as a
 * {@link java.security.Provider} (a {@code java.security} entry {@code security.provider.N=Xtls}, or
 * {@code ServiceLoader.load(Provider.class)}); on the class path this descriptor is ignored and nothing changes.
 */
module dev.xtls {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    // HostnameMatcher reads LDAP names (RFC 6125 §6.4.4 subject CN)
    requires java.naming;
    // only the demo (dev.xtls.tools): run it with --add-modules java.net.http,jdk.httpserver
    requires static java.net.http;
    requires static jdk.httpserver;

    exports dev.xtls;
    exports dev.xtls.api;
    exports dev.xtls.spi;
    // XtlsSSLEngine / XtlsSession: what applications and framework glue (xtls-jetty-alpn) test and cast to
    exports dev.xtls.jsse;

    // SharedSessionCache finds the fleet-wide session cache (-Ddev.xtls.sessionCache) here
    uses dev.xtls.spi.SessionCacheFactory;

    provides java.security.Provider with dev.xtls.XtlsProvider;
}
