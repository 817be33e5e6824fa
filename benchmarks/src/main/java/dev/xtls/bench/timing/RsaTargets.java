package dev.xtls.bench.timing;

import dev.xtls.XtlsProvider;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The RSA key-transport targets (Marvin): the premaster decryption itself ({@code TlsCrypto.rsaDecryptPremaster},
 * the Bleichenbacher countermeasure of RFC 5246 §7.4.7.1) and a whole TLS 1.2 server engine, Xtls's or SunJSSE's,
 * answering a ClientKeyExchange with TLS_RSA_WITH_AES_128_GCM_SHA256. A 2048-bit key, as the Marvin tool uses.
 */
final class RsaTargets {
    static final String SUITE = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final int TLS12 = 0x0303;

    private RsaTargets() {
    }

    /** Classes timed at {@code rsaDecryptPremaster}. */
    static List<InputClass> decrypt(Credential rsa) throws GeneralSecurityException {
        JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
        List<InputClass> classes = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : RsaCiphertexts.of(rsa.leaf().getPublicKey(), 1).entrySet()) {
            byte[] ciphertext = c.getValue();
            classes.add(new InputClass(c.getKey(), () -> {
                long start = System.nanoTime();
                crypto.rsaDecryptPremaster(rsa.key(), ciphertext, TLS12);
                return System.nanoTime() - start;
            }));
        }
        return classes;
    }

    /** Classes timed at a server engine of {@code serverProvider} ("Xtls" or "SunJSSE"). */
    static List<InputClass> engine(TestPki pki, Credential rsa, String serverProvider) throws Exception {
        allowRsaKeyTransport();
        SSLContext server = serverProvider.equals("Xtls") ? SSLContext.getInstance("TLS", new XtlsProvider())
                : SSLContext.getInstance("TLS", serverProvider);
        server.init(new KeyManager[] {pki.keyManager(rsa)}, null, null);
        SSLContext client = SSLContext.getInstance("TLS", new XtlsProvider());
        client.init(null, new TrustManager[] {pki.trustManager()}, null);
        RsaKeyExchangeReplay replay = RsaKeyExchangeReplay.record(client, server, SUITE);
        List<InputClass> classes = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : RsaCiphertexts.of(rsa.leaf().getPublicKey(), 1).entrySet()) {
            byte[] ciphertext = c.getValue();
            replay.measure(ciphertext);
            System.out.printf("  %-22s the server fails with: %s%n", c.getKey(), replay.lastFailure());
            classes.add(new InputClass(c.getKey(), () -> replay.measure(ciphertext)));
        }
        return classes;
    }

    /** JDK 24+ disable TLS_RSA_* in jdk.tls.disabledAlgorithms (Xtls honours it too): measuring needs them back. */
    private static void allowRsaKeyTransport() {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null) {
            Security.setProperty("jdk.tls.disabledAlgorithms", disabled.replace("TLS_RSA_*", "")
                    .replaceAll(",\\s*,", ","));
        }
    }
}
