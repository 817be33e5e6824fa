package dev.xtls.jsse;

import dev.xtls.XtlsProvider;
import dev.xtls.crypto.TlsCrypto;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** Contexts and engines for tests, independent of the JVM's jdk.tls.* and java.security settings. */
final class TestContexts {
    /** Stands in for the crypto seam: these tests never complete a handshake, so every call is refused. */
    static final Function<SecureRandom, TlsCrypto> NO_CRYPTO = random -> (TlsCrypto) Proxy.newProxyInstance(
            TlsCrypto.class.getClassLoader(), new Class<?>[] {TlsCrypto.class}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "TlsCrypto stub";
                    };
                }
                throw new UnsupportedOperationException("no crypto in JSSE layer tests: " + method.getName());
            });

    private TestContexts() {
    }

    static ProtocolDefaults defaults(Map<String, String> systemProperties, Map<String, String> securityProperties) {
        return ProtocolDefaults.from(systemProperties::get, securityProperties::get);
    }

    static ProtocolDefaults plainDefaults() {
        return defaults(Map.of(), Map.of());
    }

    static ContextState state(ProtocolDefaults defaults) {
        XtlsSessionContext server = new XtlsSessionContext(System::currentTimeMillis);
        return new ContextState(null, null, new SecureRandom(), defaults,
                new XtlsSessionContext(System::currentTimeMillis), server,
                new SessionTickets(server, System::currentTimeMillis), NO_CRYPTO, System::currentTimeMillis);
    }

    static XtlsSSLEngine engine(String host, int port) {
        return new XtlsSSLEngine(state(plainDefaults()), host, port);
    }

    static XtlsSSLEngine client(String host, int port) {
        XtlsSSLEngine e = engine(host, port);
        e.setUseClientMode(true);
        return e;
    }

    /** The public SSLContext face of an SPI instance, as SSLContext.getInstance would give it. */
    static SSLContext sslContext(XtlsSSLContext spi) {
        return new SSLContext(spi, new XtlsProvider(), "TLSv1.2") {
        };
    }
}
