package dev.xtls.testing;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.Finished;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;

/**
 * A TLS 1.3 client written out by hand for one handshake with a server {@link SSLEngine}: a ClientHello offering
 * TLS_AES_128_GCM_SHA256 with an x25519 share (RFC 8446 §4.1.2), then, under the client handshake keys, its
 * Certificate and CertificateVerify (ecdsa_secp256r1_sha256) when asked, and Finished (§4.4). A tampering may
 * change any of those messages before they are sent. The server's answer is opened with its application keys
 * (it has sent its Finished), so its alert is read though encrypted. Records are the JDK's AES-GCM
 * ({@link Tls13RecordKeys}); only the key schedule and message encodings are Xtls's.
 */
public final class Tls13ScriptedClient {
    public static final int CERTIFICATE = 11;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int FINISHED = 20;
    private static final int SERVER_HELLO = 2;
    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;

    /** What the client's second flight looks like; each message is given with its header and may be replaced. */
    public interface Tampering {
        default byte[] message(byte[] message) {
            return message;
        }
    }

    private final EngineDriver driver;
    private final Credential credential;
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    /** {@code credential}: the client's ECDSA P-256 certificate and key, sent when the server asks for one. */
    public Tls13ScriptedClient(SSLEngine server, Credential credential) {
        this.driver = new EngineDriver(server);
        this.credential = credential;
    }

    /** Runs the handshake; the outcome is the server's, as {@link Tls13ScriptedServer.Outcome} reports it. */
    public Tls13ScriptedServer.Outcome run(Tampering tampering) throws GeneralSecurityException {
        KeyShare share = crypto.generateKeyShare(NamedGroup.X25519);
        byte[] clientHello = clientHello(share.publicValue());
        transcript.writeBytes(clientHello);
        driver.unwrapAll(record(HANDSHAKE, clientHello));
        byte[] flight = driver.wrapAll();

        int shLength = ((flight[3] & 0xFF) << 8) | (flight[4] & 0xFF);
        byte[] serverHello = Arrays.copyOfRange(flight, 5, 5 + shLength);
        if (flight[0] != HANDSHAKE || serverHello[0] != SERVER_HELLO) {
            throw new AssertionError("the server did not answer with a ServerHello: " + driver.failure());
        }
        transcript.writeBytes(serverHello);
        KeyShareServerHello serverShare = KeyShareServerHello.decode(ServerHello.decode(Arrays.copyOfRange(
                serverHello, 4, serverHello.length)).extensions().find(ExtensionType.KEY_SHARE).orElseThrow().data());
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        Secret handshakeSecret = schedule.handshakeSecret(schedule.earlySecret(),
                Secret.wrap(share.agree(serverShare.serverShare().keyExchange().toByteArray())));
        Secret clientSecret = schedule.clientHandshakeTrafficSecret(handshakeSecret, hash());
        Tls13RecordKeys serverKeys = Tls13RecordKeys.of(schedule,
                schedule.serverHandshakeTrafficSecret(handshakeSecret, hash()));

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        for (Tls13RecordKeys.Content c : serverKeys.openAll(Arrays.copyOfRange(flight, 5 + shLength,
                flight.length))) {
            if (c.type() == HANDSHAKE) {
                handshake.writeBytes(c.content());
            }
        }
        boolean certificateRequested = false;
        byte[] messages = handshake.toByteArray();
        for (int at = 0; at < messages.length; ) {
            int length = ((messages[at + 1] & 0xFF) << 16) | ((messages[at + 2] & 0xFF) << 8)
                    | (messages[at + 3] & 0xFF);
            certificateRequested |= messages[at] == CERTIFICATE_REQUEST;
            at += 4 + length;
        }
        transcript.writeBytes(messages);
        Tls13RecordKeys serverApplicationKeys = Tls13RecordKeys.of(schedule,
                schedule.serverApplicationTrafficSecret(schedule.masterSecret(handshakeSecret), hash()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(20, new byte[] {1})); // Appendix D.4
        Tls13RecordKeys clientKeys = Tls13RecordKeys.of(schedule, clientSecret);
        if (certificateRequested) {
            send(out, clientKeys, tampering, Tls13ScriptedAuthentication.certificate(credential));
            send(out, clientKeys, tampering, Tls13ScriptedAuthentication.certificateVerify(credential, "client",
                    hash()));
        }
        send(out, clientKeys, tampering, new Finished(Bytes.of(schedule.verifyData(clientSecret, hash()))).encode());
        driver.unwrapAll(out.toByteArray());

        List<WireAlert> alerts = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (Tls13RecordKeys.Content c : serverApplicationKeys.openAll(driver.wrapAll())) {
            if (c.type() == ALERT && c.content().length == 2) {
                alerts.add(new WireAlert(c.content()[0] & 0xFF, c.content()[1] & 0xFF));
            } else if (c.type() == HANDSHAKE) {
                sent.add(c.content()[0] & 0xFF);
            }
        }
        return new Tls13ScriptedServer.Outcome(driver.failure(), alerts, sent, driver.closed());
    }

    private void send(ByteArrayOutputStream out, Tls13RecordKeys keys, Tampering tampering, byte[] message) {
        byte[] m = tampering.message(message);
        if (m == null) {
            return;
        }
        transcript.writeBytes(m);
        byte[] inner = Arrays.copyOf(m, m.length + 1);
        inner[m.length] = HANDSHAKE;
        out.writeBytes(keys.seal(inner));
    }

    /** RFC 8446 §4.1.2 with supported_versions, supported_groups, key_share and signature_algorithms. */
    private byte[] clientHello(byte[] x25519) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extension(ext, 43, new byte[] {2, 3, 4});
        extension(ext, 10, new byte[] {0, 2, 0, 0x1D});
        extension(ext, 51, ByteBuffer.allocate(2 + 4 + x25519.length).putShort((short) (4 + x25519.length))
                .putShort((short) 0x1D).putShort((short) x25519.length).put(x25519).array());
        extension(ext, 13, new byte[] {0, 4, 4, 3, 8, 4}); // ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256
        byte[] random = new byte[32];
        byte[] sessionId = new byte[32];
        crypto.random().nextBytes(random);
        crypto.random().nextBytes(sessionId);
        byte[] extensions = ext.toByteArray();
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 32 + 4 + 2 + 2 + extensions.length);
        body.putShort((short) 0x0303).put(random).put((byte) 32).put(sessionId).putShort((short) 2)
                .putShort((short) 0x1301).put((byte) 1).put((byte) 0).putShort((short) extensions.length)
                .put(extensions);
        return ByteBuffer.allocate(4 + body.capacity()).put((byte) 1).put((byte) 0)
                .putShort((short) body.capacity()).put(body.array()).array();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) type).putShort((short) data.length).array());
        out.writeBytes(data);
    }

    private static byte[] record(int type, byte[] fragment) {
        return ByteBuffer.allocate(5 + fragment.length).put((byte) type).putShort((short) 0x0303)
                .putShort((short) fragment.length).put(fragment).array();
    }

    private byte[] hash() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray());
    }
}
