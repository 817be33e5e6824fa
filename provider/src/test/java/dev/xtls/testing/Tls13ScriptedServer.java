package dev.xtls.testing;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.KeyShare;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.message.CertificateVerify;
import dev.xtls.message.ClientHello;
import dev.xtls.message.EncryptedExtensions;
import dev.xtls.message.Extensions;
import dev.xtls.message.Finished;
import dev.xtls.message.ServerHello;
import dev.xtls.message.ext.KeyShareClientHello;
import dev.xtls.message.ext.KeyShareEntry;
import dev.xtls.message.ext.KeyShareServerHello;
import dev.xtls.message.ext.SelectedVersion;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A TLS 1.3 server written out by hand for one handshake with a client {@link SSLEngine}: ServerHello (x25519,
 * TLS_AES_128_GCM_SHA256), then EncryptedExtensions, Certificate, CertificateVerify (ecdsa_secp256r1_sha256) and
 * Finished under the server handshake keys (RFC 8446 §2, §7.1). Records are sealed with the JDK's AES-GCM, not
 * Xtls's record layer, so a {@link Tampering} can send what no real server would: a message or record of its
 * choosing. What the client answers is opened with the client handshake keys, so its alert is read even when
 * encrypted. Only the key schedule and message encodings are Xtls's (checked against RFC 8448 elsewhere).
 */
public final class Tls13ScriptedServer {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int FINISHED = 20;

    /** How the script departs from a correct server. */
    public interface Tampering {
        /** An encoded handshake message (header included) about to be sent; what goes in its place. */
        default byte[] message(byte[] message) {
            return message;
        }

        /** Puts the flight on the wire: {@code messages} are ServerHello then the encrypted ones, as sent. */
        default void flight(List<byte[]> messages, Flight out) {
            out.standard(messages);
        }
    }

    /** The server's records as they go on the wire; the sealed ones under the server handshake keys. */
    public static final class Flight {
        private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        private final Tls13RecordKeys keys;

        private Flight(Tls13RecordKeys keys) {
            this.keys = keys;
        }

        /** ServerHello in clear, the compatibility ChangeCipherSpec, then one sealed record per message. */
        public void standard(List<byte[]> messages) {
            plaintext(HANDSHAKE, messages.get(0));
            plaintext(CHANGE_CIPHER_SPEC, new byte[] {1});
            messages.subList(1, messages.size()).forEach(m -> sealed(HANDSHAKE, m));
        }

        /** A record in clear (RFC 8446 §5.1). */
        public void plaintext(int type, byte[] fragment) {
            wire.write(type);
            wire.writeBytes(new byte[] {3, 3, (byte) (fragment.length >>> 8), (byte) fragment.length});
            wire.writeBytes(fragment);
        }

        /** A protected record holding {@code content} of {@code type} without padding (RFC 8446 §5.2). */
        public void sealed(int type, byte[] content) {
            byte[] inner = Arrays.copyOf(content, content.length + 1);
            inner[content.length] = (byte) type;
            sealedInner(inner);
        }

        /** A protected record whose TLSInnerPlaintext (content, type, zeros) is exactly {@code inner}. */
        public void sealedInner(byte[] inner) {
            wire.writeBytes(keys.seal(inner));
        }

        /** A protected record of {@code content}, then changed by {@code rewrite} (header included). */
        public void sealedThen(int type, byte[] content, UnaryOperator<byte[]> rewrite) {
            byte[] inner = Arrays.copyOf(content, content.length + 1);
            inner[content.length] = (byte) type;
            wire.writeBytes(rewrite.apply(keys.seal(inner)));
        }

        /** Bytes as they are: a record already framed, or a deliberately broken one. */
        public void raw(byte[] bytes) {
            wire.writeBytes(bytes);
        }
    }

    /** What the client did with the flight. */
    public record Outcome(Optional<SSLException> failure, List<WireAlert> alertsSent, List<Integer> handshakeSent,
            boolean closed) {
        /** The client's first alert, in clear or opened with its handshake keys. */
        public WireAlert alert() {
            return alertsSent.stream().findFirst().orElseThrow(() -> new AssertionError("the client sent no alert;"
                    + " it failed with " + failure.map(Throwable::getMessage).orElse("nothing")));
        }

        public String message() {
            return failure.map(Throwable::getMessage).orElseThrow(() -> new AssertionError("the client threw"
                    + " nothing; it sent alerts " + alertsSent + " and handshake messages " + handshakeSent));
        }
    }

    private final EngineDriver driver;
    private final Credential credential;
    private final JcaTlsCrypto crypto = new JcaTlsCrypto(new SecureRandom());
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    /** {@code credential}: an ECDSA P-256 certificate and key the client trusts. */
    public Tls13ScriptedServer(SSLEngine client, Credential credential) {
        this.driver = new EngineDriver(client);
        this.credential = credential;
    }

    /** Runs the handshake: the client's ClientHello, the (tampered) flight, and the client's answer. */
    public Outcome run(Tampering tampering) throws GeneralSecurityException {
        byte[] clientHelloRecord = driver.wrapAll();
        byte[] clientHello = Arrays.copyOfRange(clientHelloRecord, 5, clientHelloRecord.length);
        ClientHello hello = ClientHello.decode(Arrays.copyOfRange(clientHello, 4, clientHello.length));
        KeyShareEntry clientShare = KeyShareClientHello.decode(hello.extensions().find(ExtensionType.KEY_SHARE)
                .orElseThrow().data()).shares().stream().filter(s -> s.group().equals(NamedGroup.X25519))
                .findFirst().orElseThrow(() -> new AssertionError("the client sent no x25519 share"));
        transcript.writeBytes(clientHello);

        KeyShare share = crypto.generateKeyShare(NamedGroup.X25519);
        byte[] serverHello = tampering.message(new ServerHello(ProtocolVersion.TLS12, random(), hello.sessionId(),
                new CipherSuite(0x1301), 0, Extensions.of(SelectedVersion.TLS13.toExtension(),
                new KeyShareServerHello(new KeyShareEntry(NamedGroup.X25519, Bytes.of(share.publicValue())))
                        .toExtension())).encode());
        List<byte[]> messages = new ArrayList<>();
        messages.add(serverHello);
        transcript.writeBytes(serverHello);

        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        Secret handshakeSecret = schedule.handshakeSecret(schedule.earlySecret(),
                Secret.wrap(share.agree(clientShare.keyExchange().toByteArray())));
        Secret serverSecret = schedule.serverHandshakeTrafficSecret(handshakeSecret, hash());
        Tls13RecordKeys clientKeys = Tls13RecordKeys.of(schedule,
                schedule.clientHandshakeTrafficSecret(handshakeSecret, hash()));

        add(messages, tampering, new EncryptedExtensions(Extensions.EMPTY).encode());
        add(messages, tampering, Tls13ScriptedAuthentication.certificate(credential));
        add(messages, tampering, Tls13ScriptedAuthentication.certificateVerify(credential, "server", hash()));
        add(messages, tampering, new Finished(Bytes.of(schedule.verifyData(serverSecret, hash()))).encode());

        Flight flight = new Flight(Tls13RecordKeys.of(schedule, serverSecret));
        tampering.flight(messages, flight);
        driver.unwrapAll(flight.wire.toByteArray());
        List<WireAlert> alerts = new ArrayList<>();
        List<Integer> handshake = new ArrayList<>();
        for (Tls13RecordKeys.Content c : clientKeys.openAll(driver.wrapAll())) {
            if (c.type() == ALERT && c.content().length == 2) {
                alerts.add(new WireAlert(c.content()[0] & 0xFF, c.content()[1] & 0xFF));
            } else if (c.type() == HANDSHAKE) {
                handshake.add(c.content()[0] & 0xFF);
            }
        }
        return new Outcome(driver.failure(), alerts, handshake, driver.closed());
    }

    private void add(List<byte[]> messages, Tampering tampering, byte[] message) {
        byte[] sent = tampering.message(message);
        if (sent != null) {
            messages.add(sent);
            transcript.writeBytes(sent);
        }
    }

    private Bytes random() {
        byte[] r = new byte[32];
        crypto.random().nextBytes(r);
        return Bytes.of(r);
    }

    private byte[] hash() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(transcript.toByteArray());
    }
}
