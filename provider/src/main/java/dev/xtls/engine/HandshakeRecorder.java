package dev.xtls.engine;

import dev.xtls.message.ClientHello;
import dev.xtls.message.EncryptedExtensions;
import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.HelloRetryRequest;
import dev.xtls.message.ServerHello;
import dev.xtls.session.SessionState;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes down one handshake as its messages pass: a name and a key epoch per message, the hello bodies kept by
 * reference until the handshake completes (then read for the extensions and resumption kind, and dropped).
 * Called with the connection's inbound lock held; {@link #snapshot()} from any thread.
 */
final class HandshakeRecorder {
    /** Steps kept per handshake: a full TLS 1.3 handshake with client auth has 12; the rest are counted only. */
    static final int MAX_STEPS = 48;

    private static final Map<Integer, String> FIGURE_NAMES = Map.ofEntries(
            Map.entry(0, "HelloRequest"), Map.entry(1, "ClientHello"), Map.entry(2, "ServerHello"),
            Map.entry(4, "NewSessionTicket"), Map.entry(5, "EndOfEarlyData"),
            Map.entry(8, "EncryptedExtensions"), Map.entry(11, "Certificate"), Map.entry(12, "ServerKeyExchange"),
            Map.entry(13, "CertificateRequest"), Map.entry(14, "ServerHelloDone"),
            Map.entry(15, "CertificateVerify"), Map.entry(16, "ClientKeyExchange"), Map.entry(20, "Finished"),
            Map.entry(22, "CertificateStatus"), Map.entry(23, "SupplementalData"), Map.entry(24, "KeyUpdate"));
    static final String CHANGE_CIPHER_SPEC = "ChangeCipherSpec";
    private static final String NEW_SESSION_TICKET = "NewSessionTicket";

    private final int number;
    private final boolean client;
    private final List<HandshakeTrace.Step> steps = new ArrayList<>();
    private ProtocolVersion version;
    private int omitted;
    private int establishedAfter = -1;
    private HandshakeTrace.Negotiated negotiated;
    private String failure;
    private long first;
    private long last;
    private byte[] clientHello; // bodies, by reference, until completed()
    private byte[] serverHello;
    private byte[] encryptedExtensions;

    HandshakeRecorder(int number, boolean client) {
        this.number = number;
        this.client = client;
    }

    synchronized void message(boolean sent, HandshakeType type, byte[] body, int keyEpoch, long now) {
        String name = FIGURE_NAMES.getOrDefault(type.code(), type.name());
        if (type.equals(HandshakeType.CLIENT_HELLO)) {
            clientHello = body;
        } else if (type.equals(HandshakeType.SERVER_HELLO)) {
            if (isHelloRetryRequest(body)) {
                name = "HelloRetryRequest";
            } else {
                serverHello = body;
            }
        } else if (type.equals(HandshakeType.ENCRYPTED_EXTENSIONS)) {
            encryptedExtensions = body;
        }
        step(sent, name, keyEpoch, now);
    }

    /** The messages whose bodies it reads: the hellos and EncryptedExtensions. */
    static boolean readsBody(HandshakeType type) {
        return type.equals(HandshakeType.CLIENT_HELLO) || type.equals(HandshakeType.SERVER_HELLO)
                || type.equals(HandshakeType.ENCRYPTED_EXTENSIONS);
    }

    synchronized void changeCipherSpec(boolean sent, long now) {
        step(sent, CHANGE_CIPHER_SPEC, 0, now);
    }

    synchronized void version(ProtocolVersion negotiatedVersion) {
        version = negotiatedVersion;
    }

    private void step(boolean sent, String name, int keyEpoch, long now) {
        if (steps.isEmpty() && omitted == 0) {
            first = now;
        }
        last = now;
        if (steps.size() < MAX_STEPS) {
            steps.add(new HandshakeTrace.Step(sent == client, name, keyEpoch));
        } else {
            omitted++;
        }
    }

    synchronized void completed(SessionState session, boolean resumed) {
        version = session.version();
        establishedAfter = steps.size();
        while (ProtocolVersion.TLS13.equals(version) && establishedAfter > 0
                && steps.get(establishedAfter - 1).message().equals(NEW_SESSION_TICKET)) {
            establishedAfter--; // RFC 8446 §4.6.1: a server's tickets are post-handshake, even when sent at once
        }
        List<String> extensions = new ArrayList<>();
        Extensions hello = serverHello == null ? Extensions.EMPTY : ServerHello.decode(serverHello).extensions();
        hello.list().forEach(e -> extensions.add(e.type().name()));
        if (encryptedExtensions != null) {
            EncryptedExtensions.decode(encryptedExtensions).extensions().list()
                    .forEach(e -> extensions.add(e.type().name()));
        }
        negotiated = new HandshakeTrace.Negotiated(session.cipherSuite().name(),
                session.group() == null ? null : session.group().name(),
                session.peerSignatureScheme() == null ? null : session.peerSignatureScheme().name(),
                session.applicationProtocol(), extensions, sessionKind(resumed, hello));
        clientHello = null;
        serverHello = null;
        encryptedExtensions = null;
    }

    /** RFC 5077 §3.1 / RFC 5246 §7.3 / RFC 8446 §2.2: how this handshake came by its session. */
    private String sessionKind(boolean resumed, Extensions hello) {
        if (!resumed) {
            return "new (full handshake)";
        }
        if (hello.has(ExtensionType.PRE_SHARED_KEY)) {
            return "resumed with a PSK from a ticket (RFC 8446 §2.2)";
        }
        boolean ticketOffered = clientHello != null && ClientHello.decode(clientHello).extensions()
                .find(ExtensionType.SESSION_TICKET).map(Extension::data).filter(d -> !d.isEmpty()).isPresent();
        return ticketOffered ? "resumed by ticket (RFC 5077)" : "resumed by session id (RFC 5246 §7.3)";
    }

    synchronized void failed(String reason) {
        if (failure == null && establishedAfter < 0) {
            failure = reason;
        }
        clientHello = null;
        serverHello = null;
        encryptedExtensions = null;
    }

    synchronized HandshakeTrace snapshot() {
        return new HandshakeTrace(number, client, version, steps, establishedAfter, omitted, negotiated, failure,
                first, last);
    }

    /** RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with a fixed random after legacy_version. */
    private static boolean isHelloRetryRequest(byte[] body) {
        if (body.length < 34) {
            return false;
        }
        byte[] random = HelloRetryRequest.RANDOM.toByteArray();
        return Arrays.equals(body, 2, 34, random, 0, 32);
    }
}
