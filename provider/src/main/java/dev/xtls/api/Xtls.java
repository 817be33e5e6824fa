package dev.xtls.api;

import dev.xtls.handshake.SupplementalDataTypes;
import dev.xtls.jsse.XtlsSSLEngine;
import dev.xtls.jsse.XtlsSession;
import dev.xtls.jsse.XtlsSessionContext;
import dev.xtls.jsse.socket.XtlsSocket;
import dev.xtls.message.SupplementalDataEntry;
import dev.xtls.spi.SessionCache;
import dev.xtls.spi.SupplementalDataReceiver;
import dev.xtls.spi.SupplementalDataSender;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * What Xtls does beyond JSSE, as static helpers over the standard types (in the style of Conscrypt's): the
 * engines, sockets and sessions must be Xtls's, others are refused with IllegalArgumentException. Settings apply
 * from the next handshake on.
 *
 * <p>User mapping (RFC 4681): a client with {@link #setUpnDomainHint} offers the user_mapping extension; a server
 * with {@link #requestUserMapping} accepts it; the client then sends the hint in SupplementalData (RFC 4680) and the
 * server reads it with {@link #upnDomainHint}. Other SupplementalData types plug in through
 * {@link #addSupplementalDataSender} and {@link #addSupplementalDataReceiver}.
 *
 * <p>Exporters: {@link #exportKeyingMaterial} (RFC 8446 §7.5; RFC 5705 for TLS 1.2, only with the extended master
 * secret, RFC 7627 §5.4) and the tls-exporter channel binding {@link #tlsExporterChannelBinding} (RFC 9266). They
 * are a connection's, not a session's (a resumed session has other randoms and secrets): they take the engine or
 * socket, and work from the end of the first handshake until the connection closes.
 *
 * <p>Debugging: {@link #setKeyLog} writes a context's secrets in the NSS key log format Wireshark reads (as
 * {@code -Ddev.xtls.keylog} does for the JVM); {@link #handshakeTrace} draws a connection's handshakes as the RFC
 * figures do.
 */
public final class Xtls {
    private Xtls() {
    }

    /**
     * Server side of {@code context}: session tickets (RFC 5077, and TLS 1.3 tickets) are sealed with the first key
     * in {@code keyFile} and opened with any key in it, the file re-read when it changes (README, "Running a
     * fleet"); the same as {@code -Ddev.xtls.sessionTicketKeys}. Call after {@code init}.
     *
     * @throws KeyManagementException the file cannot be read or is malformed; the keys in use stay
     */
    public static void useSessionTicketKeys(SSLContext context, Path keyFile) throws KeyManagementException {
        sessions(context).useSessionTicketKeys(keyFile);
    }

    /**
     * Server side of {@code context}: new sessions are also kept, sealed with the ticket keys, in {@code cache}, which
     * a fleet shares for resumption by id; null stops sharing. The same as {@code -Ddev.xtls.sessionCache}.
     */
    public static void useSharedSessionCache(SSLContext context, SessionCache cache) {
        sessions(context).useSharedSessionCache(cache);
    }

    /** An Xtls SSLContext's session context, the one Xtls type an SSLContext hands out. */
    private static XtlsSessionContext sessions(SSLContext context) {
        if (!(context.getServerSessionContext() instanceof XtlsSessionContext s)) {
            throw new IllegalArgumentException("not an Xtls SSLContext: " + context.getProvider().getName()
                    + "; create it with SSLContext.getInstance(\"TLS\", \"Xtls\")");
        }
        return s;
    }

    /** Client: offers user_mapping and sends {@code upn} and {@code domain} ("" for none) to a server that agrees. */
    public static void setUpnDomainHint(SSLEngine engine, String upn, String domain) {
        UpnDomainHint hint = new UpnDomainHint(upn, domain);
        update(xtls(engine), t -> t.withSender(UserMapping.sender(hint)));
    }

    /** As {@link #setUpnDomainHint(SSLEngine, String, String)}, for a socket (before or after connect). */
    public static void setUpnDomainHint(SSLSocket socket, String upn, String domain) {
        setUpnDomainHint(engine(socket), upn, domain);
    }

    /** Client: stops offering user_mapping. */
    public static void clearUpnDomainHint(SSLEngine engine) {
        update(xtls(engine), t -> t.withoutSender(SupplementalDataEntry.USER_MAPPING_DATA));
    }

    /** Server: {@code true} accepts user_mapping hints (upn_domain_hint) from clients that offer them. */
    public static void requestUserMapping(SSLEngine engine, boolean accept) {
        update(xtls(engine), t -> accept ? t.withReceiver(UserMapping.receiver())
                : t.withoutReceiver(SupplementalDataEntry.USER_MAPPING_DATA));
    }

    public static void requestUserMapping(SSLSocket socket, boolean accept) {
        requestUserMapping(engine(socket), accept);
    }

    /**
     * RFC 4680 §4, the double handshake: {@code true} on a client sends its SupplementalData only in a
     * renegotiation it starts as soon as a first handshake without it completes, so the data travels encrypted
     * once both sides are authenticated; {@code true} on a server accepts that one client-initiated renegotiation
     * (others stay refused unless jdk.tls.rejectClientInitiatedRenegotiation=false). Both sides need it.
     */
    public static void setSupplementalDataDoubleHandshake(SSLEngine engine, boolean on) {
        update(xtls(engine), t -> t.withDoubleHandshake(on));
    }

    public static void setSupplementalDataDoubleHandshake(SSLSocket socket, boolean on) {
        setSupplementalDataDoubleHandshake(engine(socket), on);
    }

    /** Server: the hint the client sent when this session was established; empty when it sent none. */
    public static Optional<UpnDomainHint> upnDomainHint(SSLSession session) {
        return supplementalData(session, SupplementalDataEntry.USER_MAPPING_DATA).flatMap(UserMapping::hint);
    }

    /** Client: sends another SupplementalData type; replaces the sender of the same type. */
    public static void addSupplementalDataSender(SSLEngine engine, SupplementalDataSender sender) {
        update(xtls(engine), t -> t.withSender(sender));
    }

    public static void addSupplementalDataSender(SSLSocket socket, SupplementalDataSender sender) {
        addSupplementalDataSender(engine(socket), sender);
    }

    /** Server: accepts another SupplementalData type; replaces the receiver of the same type. */
    public static void addSupplementalDataReceiver(SSLEngine engine, SupplementalDataReceiver receiver) {
        update(xtls(engine), t -> t.withReceiver(receiver));
    }

    public static void addSupplementalDataReceiver(SSLSocket socket, SupplementalDataReceiver receiver) {
        addSupplementalDataReceiver(engine(socket), receiver);
    }

    /** Server: the supp_data the client sent for {@code dataType}, checked by its receiver; empty when none. */
    public static Optional<byte[]> supplementalData(SSLSession session, int dataType) {
        if (!(session instanceof XtlsSession s)) {
            throw new IllegalArgumentException("not an Xtls session: " + describe(session));
        }
        return s.supplementalData(dataType);
    }

    /**
     * {@code length} bytes of keying material for {@code label} and {@code context} (null: no context, which only
     * TLS 1.2 tells apart from an empty one) from the last handshake of the connection.
     *
     * @throws IllegalArgumentException for a label that is empty or not ASCII, a context over 65535 bytes, or a bad
     *     length
     * @throws IllegalStateException before the handshake completed, after close, or on TLS 1.2 without the
     *     extended master secret
     */
    public static byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) {
        return xtls(engine).exportKeyingMaterial(label, context, length);
    }

    public static byte[] exportKeyingMaterial(SSLSocket socket, String label, byte[] context, int length) {
        return exportKeyingMaterial(engine(socket), label, context, length);
    }

    /** RFC 9266 §2: the 32-byte tls-exporter channel binding (label "EXPORTER-Channel-Binding", empty context). */
    public static byte[] tlsExporterChannelBinding(SSLEngine engine) {
        return xtls(engine).tlsExporterChannelBinding();
    }

    public static byte[] tlsExporterChannelBinding(SSLSocket socket) {
        return tlsExporterChannelBinding(engine(socket));
    }

    /**
     * Writes the secrets of every later handshake of {@code context}'s connections, both roles, to {@code file} in
     * the NSS key log format (SSLKEYLOGFILE; Wireshark's "(Pre)-Master-Secret log filename"): CLIENT_RANDOM lines
     * for TLS 1.2, the traffic and exporter secret lines for TLS 1.3. The file is appended to, created owner-only,
     * and a warning is logged when it is first written. {@code null} writes none for this context, even when
     * {@code -Ddev.xtls.keylog} names a file for the JVM. For debugging only: whoever reads the file can decrypt
     * the connections.
     */
    public static void setKeyLog(SSLContext context, Path file) {
        sessions(context).keyLog().use(file);
    }

    /** Back to the JVM-wide key log {@code -Ddev.xtls.keylog} (none when the property is unset) for {@code context}. */
    public static void useJvmKeyLog(SSLContext context) {
        sessions(context).keyLog().useJvmDefault();
    }

    /**
     * The engine's handshakes drawn as RFC 5246 §7.3 / RFC 8446 §2 do, with what they negotiated (README,
     * "Debugging a handshake"); the last few on the connection, renegotiations included. Empty before the first
     * handshake starts. The same text goes to System.Logger "dev.xtls.handshake" at DEBUG, and to stderr with
     * {@code -Ddev.xtls.trace=true}, when each handshake ends.
     */
    public static Optional<String> handshakeTrace(SSLEngine engine) {
        return xtls(engine).handshakeTrace();
    }

    public static Optional<String> handshakeTrace(SSLSocket socket) {
        return handshakeTrace(engine(socket));
    }

    /** The handshakes of the connection that last established or resumed {@code session}. */
    public static Optional<String> handshakeTrace(SSLSession session) {
        if (!(session instanceof XtlsSession s)) {
            throw new IllegalArgumentException("not an Xtls session: " + describe(session));
        }
        return s.handshakeTrace();
    }

    private static void update(XtlsSSLEngine engine, UnaryOperator<SupplementalDataTypes> change) {
        engine.updateSupplementalData(change);
    }

    private static XtlsSSLEngine xtls(SSLEngine engine) {
        if (!(engine instanceof XtlsSSLEngine x)) {
            throw new IllegalArgumentException("not an Xtls engine: " + describe(engine)
                    + "; create it from SSLContext.getInstance(\"TLSv1.2\", \"Xtls\")");
        }
        return x;
    }

    private static SSLEngine engine(SSLSocket socket) {
        if (!(socket instanceof XtlsSocket x)) {
            throw new IllegalArgumentException("not an Xtls socket: " + describe(socket)
                    + "; create it from an Xtls SSLContext's socket factory");
        }
        return x.engine();
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
