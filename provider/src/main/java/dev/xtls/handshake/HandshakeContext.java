package dev.xtls.handshake;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.keys.KeyingMaterialExporter;
import dev.xtls.keys.Tls12Exporter;
import dev.xtls.message.ClientHello;
import dev.xtls.message.DowngradeSentinel;
import dev.xtls.message.EncryptedExtensions;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.HandshakeMessage;
import dev.xtls.message.HelloRequest;
import dev.xtls.message.HelloRetryRequest;
import dev.xtls.message.ServerHello;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.session.SessionState;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import dev.xtls.wire.TlsException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every state of one handshake shares: configuration, transcript, output, and the session so far. */
public final class HandshakeContext {
    /** HelloRequests a client ignores during one handshake; OpenSSL and rustls allow about as many warnings. */
    static final int MAX_IGNORED_HELLO_REQUESTS = 4;
    static final int MAX_COMPATIBILITY_CHANGE_CIPHER_SPECS = 2;

    private final HandshakeConfig config;
    private final HandshakeOutput output;
    private final RenegotiationContext renegotiation;
    private final ClientHelloTemplates helloTemplates;
    private final Transcript transcript = new Transcript();
    private volatile SessionState session;
    private int ignoredHelloRequests;
    private int compatibilityChangeCipherSpecs;
    private boolean peerSecureRenegotiation;
    private Bytes clientVerifyData = Bytes.EMPTY;
    private Bytes serverVerifyData = Bytes.EMPTY;
    private KeyingMaterialExporter exporter;
    private HashAlgorithm tls12PrfHash;
    private Bytes clientRandom;
    private Bytes serverRandom;
    private Bytes helloRandom = Bytes.EMPTY; // ClientHello.random, which names the connection in the key log
    private final ArrayList<ExtensionType> serverExtensions = new ArrayList<>(); // the trace's, from the decoded hellos
    private boolean ticketIssued;

    /** The context of a connection's initial handshake. */
    public HandshakeContext(HandshakeConfig config, HandshakeOutput output) {
        this(config, output, RenegotiationContext.INITIAL);
    }

    /** {@code renegotiation}: what the previous handshake left, {@link RenegotiationContext#INITIAL} for none. */
    public HandshakeContext(HandshakeConfig config, HandshakeOutput output, RenegotiationContext renegotiation) {
        this(config, output, renegotiation, new ClientHelloTemplates());
    }

    /** {@code helloTemplates}: the client hellos of the handshake's SSLContext, shared by its connections. */
    public HandshakeContext(HandshakeConfig config, HandshakeOutput output, RenegotiationContext renegotiation,
            ClientHelloTemplates helloTemplates) {
        this.config = config;
        this.output = output;
        this.renegotiation = renegotiation;
        this.helloTemplates = helloTemplates;
        this.session = SessionState.initial(config.peerHost(), config.peerPort(), config.clock().getAsLong());
    }

    public HandshakeConfig config() {
        return config;
    }

    /** Where the configuration-only parts of this side's ClientHello are kept between handshakes. */
    public ClientHelloTemplates helloTemplates() {
        return helloTemplates;
    }

    public TlsCrypto crypto() {
        return config.crypto();
    }

    public HandshakeOutput output() {
        return output;
    }

    /** The previous handshake of this connection, or {@link RenegotiationContext#INITIAL}. */
    public RenegotiationContext renegotiation() {
        return renegotiation;
    }

    /** The peer's hello carried renegotiation_info or the SCSV (RFC 5746 §3.4, §3.6), checked by the state. */
    public void peerSupportsSecureRenegotiation() {
        peerSecureRenegotiation = true;
    }

    /** A Finished message's verify_data, sent or checked, kept for the next renegotiation (RFC 5746 §3.1). */
    public void finished(boolean fromClient, byte[] verifyData) {
        if (fromClient) {
            clientVerifyData = Bytes.of(verifyData);
        } else {
            serverVerifyData = Bytes.of(verifyData);
        }
    }

    /** What this completed handshake hands to the next one on the connection. */
    public RenegotiationContext nextRenegotiation() {
        SessionState s = session;
        List<X509Certificate> serverChain = config.clientMode() ? s.peerCertificates() : s.localCertificates();
        return RenegotiationContext.after(clientVerifyData, serverVerifyData, serverChain,
                s.extendedMasterSecret(), peerSecureRenegotiation, renegotiation.windowStartMillis(),
                renegotiation.peerInitiatedInWindow());
    }

    public Transcript transcript() {
        return transcript;
    }

    /** The session as negotiated so far (the JSSE handshake session). */
    public SessionState session() {
        return session;
    }

    public void updateSession(SessionState next) {
        session = next;
    }

    /** Server: a NewSessionTicket carrying this handshake's session went out (RFC 5077 §3.3). */
    public void ticketIssued() {
        ticketIssued = true;
    }

    /**
     * Both Finished messages are verified. A new session with an id (RFC 5246 §7.4.1.3: none means not
     * resumable) goes into the session store unless a ticket carries it; a resumed one is already there.
     */
    public void established(SessionOrigin origin) {
        SessionState s = session;
        if (exporter == null && tls12PrfHash != null && s.masterSecret() != null) {
            exporter = Tls12Exporter.of(crypto(), tls12PrfHash, s.masterSecret(), s.extendedMasterSecret(),
                    clientRandom.toByteArray(), serverRandom.toByteArray()).orElse(null);
        }
        if (!origin.resumed() && ticketIssued) {
            config.sessionStore().carriedByTicket(s);
        } else if (!origin.resumed() && !s.sessionId().isEmpty()) {
            config.sessionStore().store(s);
        }
        output.handshakeComplete(s, origin, List.copyOf(serverExtensions), exporter);
    }

    /**
     * The ServerHello sent or received (a HelloRetryRequest is not one, RFC 8446 §4.1.4): its extensions start the
     * list the handshake hands over when it completes, so that nothing decodes the hello twice.
     */
    public void serverHello(ServerHello hello) {
        if (!HelloRetryRequest.isHelloRetryRequest(hello)) {
            serverExtensions.clear();
            addTypes(hello.extensions());
        }
    }

    /** TLS 1.3: the EncryptedExtensions sent or received follow the ServerHello's in that list (RFC 8446 §4.3.1). */
    public void encryptedExtensions(EncryptedExtensions extensions) {
        addTypes(extensions.extensions());
    }

    private void addTypes(Extensions extensions) {
        for (Extension e : extensions.list()) {
            serverExtensions.add(e.type());
        }
    }

    /** TLS 1.3: the connection's exporter (RFC 8446 §7.5), handed over when the handshake completes. */
    public void exporter(KeyingMaterialExporter tls13Exporter) {
        exporter = tls13Exporter;
    }

    /** TLS 1.2: what the exporter needs besides the session's master secret (RFC 5705 §4). */
    public void tls12ExporterInputs(HashAlgorithm prfHash, Bytes client, Bytes server) {
        tls12PrfHash = prfHash;
        clientRandom = client;
        serverRandom = server;
    }

    /**
     * Hands {@code secret} to the configuration's key log under {@code label} (NSS key log format), for the
     * connection named by its ClientHello.random; nothing is revealed when no key log is configured.
     */
    public void logSecret(String label, Secret secret) {
        KeyLogSink sink = config.keyLog();
        if (sink == KeyLogSink.NONE || helloRandom.isEmpty()) {
            return;
        }
        byte[] revealed = secret.reveal();
        try {
            sink.secret(label, helloRandom, revealed);
        } finally {
            Arrays.fill(revealed, (byte) 0);
        }
    }

    /** Encodes, adds to the transcript, and queues {@code message}. */
    public void send(HandshakeMessage message) {
        if (message instanceof ClientHello hello) {
            helloRandom = hello.random();
        } else if (message instanceof ServerHello hello) {
            serverHello(hello);
        } else if (message instanceof EncryptedExtensions extensions) {
            encryptedExtensions(extensions);
        }
        byte[] encoded = message.encode();
        transcript.add(encoded);
        output.handshakeMessage(encoded);
    }

    /** Adds a received message to the transcript, once the state has decided it belongs there. */
    public void received(RawHandshakeMessage message) {
        if (message.type().equals(HandshakeType.CLIENT_HELLO) && message.body().length >= 34) {
            // RFC 5246 §7.4.1.2: the 32-byte random follows the 2-byte client_version
            helloRandom = Bytes.of(Arrays.copyOfRange(message.body(), 2, 34));
        }
        transcript.add(message.encoded());
    }

    /**
     * RFC 5246 §7.4.1.1: a client negotiating ignores HelloRequest (an empty message, kept out of the transcript);
     * a few, not a flood (the "SSL Death Alert" class, CVE-2016-8610).
     */
    public void ignoreHelloRequest(RawHandshakeMessage message) {
        HelloRequest.decode(message.body());
        if (++ignoredHelloRequests > MAX_IGNORED_HELLO_REQUESTS) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "received " + ignoredHelloRequests
                    + " HelloRequests during the handshake; at most " + MAX_IGNORED_HELLO_REQUESTS + " are ignored");
        }
    }

    /**
     * RFC 8446 §5, Appendix D.4: a TLS 1.3 peer in middlebox compatibility mode sends an unprotected
     * ChangeCipherSpec, which is dropped; SunJSSE sends one after its HelloRetryRequest and another after its
     * ServerHello. More than {@value #MAX_COMPATIBILITY_CHANGE_CIPHER_SPECS} are not compatibility but noise.
     */
    public void ignoreCompatibilityChangeCipherSpec() {
        if (++compatibilityChangeCipherSpecs > MAX_COMPATIBILITY_CHANGE_CIPHER_SPECS) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "received " + compatibilityChangeCipherSpecs
                    + " ChangeCipherSpec records in a TLS 1.3 handshake; middlebox compatibility mode sends one, or"
                    + " one per hello after a HelloRetryRequest (RFC 8446 Appendix D.4)");
        }
    }

    /**
     * ServerHello.random of a server negotiating TLS 1.2: a server that also enables TLS 1.3 ends it with the
     * downgrade sentinel (RFC 8446 §4.1.3), which a 1.3-capable client checks.
     */
    public Bytes newServerRandomForTls12() {
        Bytes random = newRandom();
        return config.versions().contains(ProtocolVersion.TLS13) ? DowngradeSentinel.TLS12.stamp(random) : random;
    }

    /** 32 random bytes for ClientHello/ServerHello.random; all random, no gmt_unix_time (RFC 8446 Appendix D). */
    public Bytes newRandom() {
        return newRandomBytes(32);
    }

    public Bytes newRandomBytes(int n) {
        byte[] r = new byte[n];
        crypto().random().nextBytes(r);
        return Bytes.wrap(r);
    }
}
