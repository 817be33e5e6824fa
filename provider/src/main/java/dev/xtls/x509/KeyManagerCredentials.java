package dev.xtls.x509;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;

/**
 * Our certificate, from the user's key manager. The engine is passed along so the manager can look at the
 * handshake session (requested server names, peer signature algorithms) as the JDK's own managers do. When the
 * engine drives an SSLSocket, the socket methods ({@code chooseClientAlias(..., Socket)}) are called with it
 * instead, as for SunJSSE's sockets: a manager may implement only those.
 */
public final class KeyManagerCredentials implements CredentialSource {
    private final X509ExtendedKeyManager keyManager;
    private final SSLEngine engine;
    private final Socket socket;

    /** {@code keyManager} null means no credentials at all. */
    public KeyManagerCredentials(X509ExtendedKeyManager keyManager, SSLEngine engine) {
        this(keyManager, engine, null);
    }

    /** {@code socket}: the SSLSocket {@code engine} drives, or null for a bare engine. */
    public KeyManagerCredentials(X509ExtendedKeyManager keyManager, SSLEngine engine, Socket socket) {
        this.keyManager = keyManager;
        this.engine = engine;
        this.socket = socket;
    }

    @Override
    public boolean hasKeyManager() {
        return keyManager != null;
    }

    @Override
    public Optional<CertifiedKey> chooseServerCredential(String keyType, List<String> requestedHostNames) {
        if (keyManager == null) {
            return Optional.empty();
        }
        return load(socket != null ? keyManager.chooseServerAlias(keyType, null, socket)
                : keyManager.chooseEngineServerAlias(keyType, null, engine));
    }

    @Override
    public Optional<CertifiedKey> chooseClientCredential(List<String> keyTypes, List<X500Principal> issuers) {
        if (keyManager == null || keyTypes.isEmpty()) {
            return Optional.empty();
        }
        Principal[] acceptable = issuers.isEmpty() ? null : issuers.toArray(new Principal[0]);
        String[] types = keyTypes.toArray(new String[0]);
        return load(socket != null ? keyManager.chooseClientAlias(types, acceptable, socket)
                : keyManager.chooseEngineClientAlias(types, acceptable, engine));
    }

    private Optional<CertifiedKey> load(String alias) {
        if (alias == null) {
            return Optional.empty();
        }
        X509Certificate[] chain = keyManager.getCertificateChain(alias);
        PrivateKey key = keyManager.getPrivateKey(alias);
        if (chain == null || chain.length == 0 || key == null) {
            return Optional.empty();
        }
        return Optional.of(new CertifiedKey(alias, List.of(chain), key));
    }
}
