package dev.xtls.x509;

import dev.xtls.x509.AliasSelector.Request;
import dev.xtls.x509.AliasSelector.Use;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of Xtls's KeyManagerFactory "PKIX": chooses aliases as SunJSSE's does ({@link AliasSelector}),
 * from keys decrypted once when it was made. Aliases are the key store's own. Thread-safe: immutable.
 */
public final class PkixKeyManager extends X509ExtendedKeyManager {
    private final KeyStoreEntries entries;
    private final LongSupplier clock;

    PkixKeyManager(KeyStoreEntries entries, LongSupplier clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return AliasSelector.all(entries, request(List.of(keyType), issuers, Use.CLIENT, null, null), now());
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return AliasSelector.all(entries, request(List.of(keyType), issuers, Use.SERVER, null, null), now());
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        SSLSocket ssl = connected(socket);
        return choose(keyTypes, issuers, Use.CLIENT, ssl == null ? null : ssl.getHandshakeSession(),
                ssl == null ? null : ssl.getSSLParameters());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSocket ssl = connected(socket);
        return choose(new String[] {keyType}, issuers, Use.SERVER, ssl == null ? null : ssl.getHandshakeSession(),
                ssl == null ? null : ssl.getSSLParameters());
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers, Use.CLIENT, engine == null ? null : engine.getHandshakeSession(),
                engine == null ? null : engine.getSSLParameters());
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(new String[] {keyType}, issuers, Use.SERVER, engine == null ? null : engine.getHandshakeSession(),
                engine == null ? null : engine.getSSLParameters());
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyStoreEntries.Entry e = entries.get(alias);
        return e == null ? null : e.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyStoreEntries.Entry e = entries.get(alias);
        return e == null ? null : e.key();
    }

    private String choose(String[] keyTypes, Principal[] issuers, Use use, SSLSession handshake,
            javax.net.ssl.SSLParameters parameters) {
        if (keyTypes == null || keyTypes.length == 0) {
            return null;
        }
        // as SunJSSE: a server matches the client's SNI host name against its certificates (RFC 6066 §3)
        List<SNIServerName> names = use == Use.SERVER && handshake instanceof ExtendedSSLSession extended
                ? extended.getRequestedServerNames() : null;
        return AliasSelector.choose(entries, request(Arrays.asList(keyTypes), issuers, use,
                KeyChainConstraints.of(handshake, parameters), names), now());
    }

    private static Request request(List<String> keyTypes, Principal[] issuers, Use use,
            KeyChainConstraints constraints, List<SNIServerName> names) {
        return new Request(keyTypes, issuers, use, constraints, names);
    }

    private static SSLSocket connected(Socket socket) {
        return socket instanceof SSLSocket ssl && ssl.isConnected() ? ssl : null;
    }

    private Date now() {
        return new Date(clock.getAsLong());
    }
}
