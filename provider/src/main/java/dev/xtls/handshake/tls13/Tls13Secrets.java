package dev.xtls.handshake.tls13;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.keys.Tls13Exporter;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.keys.TrafficKeys;
import dev.xtls.message.Finished;
import dev.xtls.record.RawHandshakeMessage;
import dev.xtls.record.RecordProtection;
import dev.xtls.record.Tls13RecordProtection;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.security.MessageDigest;

/**
 * One TLS 1.3 handshake's secrets (RFC 8446 §7.1): the handshake traffic secrets from the resumption PSK, if any,
 * the (EC)DHE shared secret and the transcript through ServerHello, then the application traffic and exporter
 * secrets through server Finished, and the resumption master secret through client Finished.
 */
public final class Tls13Secrets {
    private final Tls13Suite suite;
    private final Tls13KeySchedule schedule;
    private final Secret handshakeSecret;
    private final Secret clientHandshake;
    private final Secret serverHandshake;
    private Secret master; // from server Finished until destroy(): the resumption master secret needs it

    private Tls13Secrets(Tls13Suite suite, Tls13KeySchedule schedule, Secret handshakeSecret,
            Secret clientHandshake, Secret serverHandshake) {
        this.suite = suite;
        this.schedule = schedule;
        this.handshakeSecret = handshakeSecret;
        this.clientHandshake = clientHandshake;
        this.serverHandshake = serverHandshake;
    }

    /** Called right after ServerHello is in the transcript; {@code shared} is wiped. */
    public static Tls13Secrets afterServerHello(HandshakeContext ctx, Tls13Suite suite, byte[] shared) {
        return afterServerHello(ctx, suite, null, shared);
    }

    /**
     * §7.1 with the resumption {@code psk} (null: none) as the Early Secret's input; {@code shared} is wiped, null
     * for psk_ke (§4.2.9), which puts Hash.length zero bytes in the (EC)DHE input's place.
     */
    public static Tls13Secrets afterServerHello(HandshakeContext ctx, Tls13Suite suite, Secret psk, byte[] shared) {
        Tls13KeySchedule schedule = new Tls13KeySchedule(ctx.crypto(), suite.hash());
        Secret early = psk == null ? schedule.earlySecret() : schedule.earlySecret(psk);
        Secret dhe = Secret.wrap(shared != null ? shared : new byte[suite.hash().outputLength()]);
        Secret hs = schedule.handshakeSecret(early, dhe);
        early.destroy();
        dhe.destroy();
        byte[] hash = transcriptHash(ctx, suite);
        Secret clientHandshake = schedule.clientHandshakeTrafficSecret(hs, hash);
        Secret serverHandshake = schedule.serverHandshakeTrafficSecret(hs, hash);
        ctx.logSecret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientHandshake); // NSS key log labels for §7.1
        ctx.logSecret("SERVER_HANDSHAKE_TRAFFIC_SECRET", serverHandshake);
        return new Tls13Secrets(suite, schedule, hs, clientHandshake, serverHandshake);
    }

    public Tls13Suite suite() {
        return suite;
    }

    public Tls13KeySchedule schedule() {
        return schedule;
    }

    public RecordProtection clientHandshakeProtection(HandshakeContext ctx) {
        return protection(ctx, suite, schedule, clientHandshake);
    }

    public RecordProtection serverHandshakeProtection(HandshakeContext ctx) {
        return protection(ctx, suite, schedule, serverHandshake);
    }

    /** RFC 8446 §4.4.4: the sender's Finished over the transcript so far. */
    public byte[] finished(HandshakeContext ctx, boolean client) {
        return schedule.verifyData(client ? clientHandshake : serverHandshake, transcriptHash(ctx, suite));
    }

    /** Checks a received Finished in constant time (RFC 8446 §4.4.4: decrypt_error when it differs). */
    public byte[] checkFinished(HandshakeContext ctx, boolean client, byte[] received) {
        byte[] expected = finished(ctx, client);
        if (!MessageDigest.isEqual(expected, received)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, (client ? "client" : "server")
                    + " Finished does not match: the handshake was altered or the keys differ (RFC 8446 §4.4.4)");
        }
        return expected;
    }

    /** Reads the peer's Finished, checks it, then adds it to the transcript as {@code client}'s verify_data. */
    public void receiveFinished(HandshakeContext ctx, boolean client, RawHandshakeMessage message) {
        Finished finished = Finished.decode(message.body(), suite.hash().outputLength());
        byte[] verified = checkFinished(ctx, client, finished.verifyData().toByteArray());
        ctx.received(message);
        ctx.finished(client, verified);
    }

    /** Called right after server Finished is in the transcript (RFC 8446 §7.1); ends the handshake secrets. */
    public ApplicationSecrets application(HandshakeContext ctx) {
        byte[] hash = transcriptHash(ctx, suite);
        master = schedule.masterSecret(handshakeSecret);
        Secret clientTraffic = schedule.clientApplicationTrafficSecret(master, hash);
        Secret serverTraffic = schedule.serverApplicationTrafficSecret(master, hash);
        ApplicationSecrets app = new ApplicationSecrets(suite, schedule, clientTraffic, serverTraffic);
        Secret exporter = schedule.exporterMasterSecret(master, hash); // §7.5, through server Finished
        ctx.logSecret("CLIENT_TRAFFIC_SECRET_0", clientTraffic);
        ctx.logSecret("SERVER_TRAFFIC_SECRET_0", serverTraffic);
        ctx.logSecret("EXPORTER_SECRET", exporter);
        Tls13Exporter.of(ctx.crypto(), schedule, exporter).ifPresent(ctx::exporter);
        exporter.destroy();
        handshakeSecret.destroy();
        return app;
    }

    /** §7.1: resumption_master_secret, called right after client Finished is in the transcript. */
    public Secret resumptionMasterSecret(HandshakeContext ctx) {
        return schedule.resumptionMasterSecret(master, transcriptHash(ctx, suite));
    }

    /** Both handshake traffic secrets are done with once both Finished messages are. */
    public void destroy() {
        clientHandshake.destroy();
        serverHandshake.destroy();
        handshakeSecret.destroy();
        if (master != null) {
            master.destroy();
        }
    }

    public static byte[] transcriptHash(HandshakeContext ctx, Tls13Suite suite) {
        return ctx.transcript().hash(ctx.crypto(), suite.hash());
    }

    static RecordProtection protection(HandshakeContext ctx, Tls13Suite suite, Tls13KeySchedule schedule,
            Secret trafficSecret) {
        TrafficKeys keys = schedule.trafficKeys(trafficSecret, suite.cipher());
        byte[] key = keys.key().reveal();
        try {
            return new Tls13RecordProtection(ctx.crypto().aead(suite.cipher(), key), keys.iv());
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
            keys.destroy();
        }
    }
}
