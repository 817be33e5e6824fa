package dev.xtls.x509;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private keys of one or more key stores with their X.509 chains, read and decrypted once, when a key manager is
 * made: a handshake then never reads a PKCS#12 entry again (the JDK's PKIX key manager re-derives its PBKDF2 key on
 * every handshake). Entries keep the stores' enumeration order, which breaks ties between equally good aliases.
 */
final class KeyStoreEntries {
    /** One private key entry: its alias, decrypted key and certificate chain (leaf first). */
    record Entry(String alias, PrivateKey key, X509Certificate[] chain) {
        X509Certificate leaf() {
            return chain[0];
        }
    }

    private final Map<String, Entry> entries;

    private KeyStoreEntries(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    static KeyStoreEntries empty() {
        return new KeyStoreEntries(new LinkedHashMap<>());
    }

    /** Each builder's store in turn; an alias already read from an earlier store is not read again. */
    static KeyStoreEntries load(List<KeyStore.Builder> builders) throws GeneralSecurityException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (KeyStore.Builder builder : builders) {
            KeyStore store = builder.getKeyStore();
            for (String alias : Collections.list(store.aliases())) {
                if (entries.containsKey(alias) || !store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    continue;
                }
                KeyStore.Entry e = store.getEntry(alias, builder.getProtectionParameter(alias));
                if (e instanceof KeyStore.PrivateKeyEntry pk && x509Chain(pk.getCertificateChain()) != null) {
                    entries.put(alias, new Entry(alias, pk.getPrivateKey(), x509Chain(pk.getCertificateChain())));
                }
            }
        }
        return new KeyStoreEntries(entries);
    }

    /** As SunJSSE: a chain with a certificate that is not X.509 is skipped. */
    private static X509Certificate[] x509Chain(Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return null;
        }
        X509Certificate[] out = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate x)) {
                return null;
            }
            out[i] = x;
        }
        return out;
    }

    Entry get(String alias) {
        return alias == null ? null : entries.get(alias);
    }

    Iterable<Entry> all() {
        return entries.values();
    }
}
