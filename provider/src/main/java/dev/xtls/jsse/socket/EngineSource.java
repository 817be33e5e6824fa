package dev.xtls.jsse.socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * What the socket layer needs from an initialised SSLContext: engines and its cipher suite lists. The context
 * implements it, so this package depends on nothing of the provider but the engines it is given.
 */
public interface EngineSource {

    /**
     * A new engine (server mode until told otherwise) for {@code peerHost:peerPort}. When {@code socket} is not
     * null, the engine's key and trust manager calls name that socket instead of the engine (the socket variants
     * of {@code chooseClientAlias}, {@code checkServerTrusted}, ...), as they do for SunJSSE's sockets.
     */
    SSLEngine newEngine(String peerHost, int peerPort, SSLSocket socket);

    /** Copies the settings outside SSLParameters (the dev.xtls.api ones) from {@code from} to {@code to}. */
    void copyXtlsSettings(SSLEngine from, SSLEngine to);

    /** The suites a new client ({@code true}) or server socket enables. */
    String[] defaultCipherSuites(boolean client);

    /** Every suite that may be enabled. */
    String[] supportedCipherSuites();
}
