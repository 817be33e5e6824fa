package dev.xtls.interop;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that remembers what the TLS implementation asked it (key types, issuers) and which private keys it
 * handed out, then answers like its delegate. With {@code ignoreIssuers} the delegate is asked without the
 * server's issuer list, so a client offers a certificate the server will reject (untrusted or expired). With
 * {@code onlyKeyType} the delegate is asked for that key type alone (when the server allows it).
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {
    /** One chooseEngineClientAlias/chooseClientAlias call, with what the handshake session said then. */
    record ClientRequest(List<String> keyTypes, List<Principal> issuers, List<String> peerSignatureAlgorithms) {
    }

    private final X509ExtendedKeyManager delegate;
    private final boolean ignoreIssuers;
    private final String onlyKeyType;
    private final List<ClientRequest> clientRequests = new ArrayList<>();
    private final List<PrivateKey> keysHandedOut = new ArrayList<>();

    RecordingKeyManager(X509ExtendedKeyManager delegate, boolean ignoreIssuers) {
        this(delegate, ignoreIssuers, null);
    }

    RecordingKeyManager(X509ExtendedKeyManager delegate, boolean ignoreIssuers, String onlyKeyType) {
        this.delegate = delegate;
        this.ignoreIssuers = ignoreIssuers;
        this.onlyKeyType = onlyKeyType;
    }

    synchronized List<ClientRequest> clientRequests() {
        return List.copyOf(clientRequests);
    }

    synchronized List<PrivateKey> keysHandedOut() {
        return List.copyOf(keysHandedOut);
    }

    private synchronized Principal[] record(String[] keyTypes, Principal[] issuers, SSLSession handshake) {
        List<String> peerAlgorithms = handshake instanceof ExtendedSSLSession s
                ? List.of(s.getPeerSupportedSignatureAlgorithms()) : List.of();
        clientRequests.add(new ClientRequest(List.of(keyTypes), issuers == null ? List.of() : List.of(issuers),
                peerAlgorithms));
        return ignoreIssuers ? null : issuers;
    }

    private String[] filter(String[] keyTypes) {
        return onlyKeyType == null ? keyTypes
                : Stream.of(keyTypes).filter(onlyKeyType::equals).toArray(String[]::new);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        SSLSession handshake = engine == null ? null : engine.getHandshakeSession();
        return delegate.chooseEngineClientAlias(filter(keyType), record(keyType, issuers, handshake), engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(filter(keyType), record(keyType, issuers, null), socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey key = delegate.getPrivateKey(alias);
        synchronized (this) {
            keysHandedOut.add(key);
        }
        return key;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }
}
