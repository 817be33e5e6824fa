package dev.xtls.it.apps;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A program that knows nothing of Xtls: it fetches {@code args[0]} with {@code HttpsURLConnection} and the default
 * socket factory and host name verifier, and prints what it got and which JSSE objects served it. Run by
 * {@link LegacySwapIT} in a child JVM.
 */
public final class LegacyHttpsGet {
    private LegacyHttpsGet() {
    }

    public static void main(String[] args) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL(args[0]).openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        System.out.println("status: " + c.getResponseCode());
        System.out.println("cipher suite: " + c.getCipherSuite());
        System.out.println("session class: " + c.getSSLSession().map(s -> s.getClass().getName()).orElse("none"));
        System.out.println("default context provider: " + SSLContext.getDefault().getProvider().getName());
        System.out.println("default socket factory: " + SSLSocketFactory.getDefault().getClass().getName());
        try (InputStream in = c.getInputStream()) {
            System.out.println("body: " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
