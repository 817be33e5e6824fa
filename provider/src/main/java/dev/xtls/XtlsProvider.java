package dev.xtls;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.jsse.ProtocolDefaults;
import dev.xtls.jsse.XtlsSSLContext;
import dev.xtls.x509.PkixKeyManagerFactory;
import dev.xtls.x509.PkixTrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Xtls JCA provider: SSLContext "TLSv1.3", "TLSv1.2", "TLS" (alias "SSL") and "Default"; KeyManagerFactory
 * and TrustManagerFactory "PKIX". Services are registered with
 * {@link #putService} and build their SPI directly, so no reflection or legacy property entries are involved.
 */
public final class XtlsProvider extends Provider {
    public static final String NAME = "Xtls";
    public static final String VERSION = "0.1.0";
    private static final String INFO = "Xtls TLS 1.3 and 1.2 provider (SSLContext TLSv1.3, TLSv1.2, TLS, Default;"
            + " KeyManagerFactory and TrustManagerFactory PKIX)";

    public XtlsProvider() {
        super(NAME, VERSION, INFO);
        Function<SecureRandom, TlsCrypto> crypto = XtlsProvider::newCrypto;
        putService(new ContextService(this, "TLSv1.3", List.of(),
                () -> new XtlsSSLContext(crypto, ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS)));
        putService(new ContextService(this, "TLSv1.2", List.of(), () -> new XtlsSSLContext(crypto)));
        putService(new ContextService(this, "TLS", List.of("SSL"),
                () -> new XtlsSSLContext(crypto, ProtocolDefaults.TLS13_CONTEXT_PROTOCOLS)));
        putService(new ContextService(this, "Default", List.of(), () -> XtlsSSLContext.systemDefault(crypto)));
        // as SunJSSE's NewSunX509 (alias PKIX) and PKIX (aliases SunPKIX, X509, X.509); SunX509 is not offered
        putService(new ManagerService(this, "KeyManagerFactory", "PKIX", List.of("NewSunX509", "X509", "X.509"),
                PkixKeyManagerFactory.class, PkixKeyManagerFactory::new));
        putService(new ManagerService(this, "TrustManagerFactory", "PKIX", List.of("SunPKIX", "X509", "X.509"),
                PkixTrustManagerFactory.class, PkixTrustManagerFactory::new));
    }

    /** The one wiring point of the crypto seam: each initialised context calls this once, lazily. */
    static TlsCrypto newCrypto(SecureRandom random) {
        return new JcaTlsCrypto(random);
    }

    @FunctionalInterface
    private interface SpiFactory {
        Object create() throws GeneralSecurityException, IOException;
    }

    /** A key or trust manager factory service that constructs its SPI itself. */
    private static final class ManagerService extends Provider.Service {
        private final Supplier<Object> factory;

        ManagerService(Provider provider, String type, String algorithm, List<String> aliases, Class<?> spi,
                Supplier<Object> factory) {
            super(provider, type, algorithm, spi.getName(), aliases,
                    Map.of("ImplementedIn", "Software"));
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException(getType() + " takes no constructor parameter");
            }
            return factory.get();
        }
    }

    /** An SSLContext service that constructs its SPI itself (Provider.Service otherwise reflects on the class). */
    private static final class ContextService extends Provider.Service {
        private final SpiFactory factory;

        ContextService(Provider provider, String algorithm, List<String> aliases, SpiFactory factory) {
            super(provider, "SSLContext", algorithm, XtlsSSLContext.class.getName(), aliases,
                    Map.of("ImplementedIn", "Software"));
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException("SSLContext takes no constructor parameter");
            }
            try {
                return factory.create();
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                NoSuchAlgorithmException failure = new NoSuchAlgorithmException(
                        "cannot create SSLContext." + getAlgorithm() + " of provider " + NAME + ": " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
        }
    }
}
