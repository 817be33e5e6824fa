package dev.xtls.handshake.tls13;

import dev.xtls.crypto.Secret;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.keys.Tls13KeySchedule;
import dev.xtls.record.RecordProtection;

/**
 * Both directions' application traffic secrets (RFC 8446 §7.1), each replaced by its successor on a KeyUpdate
 * (§7.2). Mutable only through {@link #nextClient}/{@link #nextServer}; kept by the established state.
 */
public final class ApplicationSecrets {
    private final Tls13Suite suite;
    private final Tls13KeySchedule schedule;
    private Secret client;
    private Secret server;

    ApplicationSecrets(Tls13Suite suite, Tls13KeySchedule schedule, Secret client, Secret server) {
        this.suite = suite;
        this.schedule = schedule;
        this.client = client;
        this.server = server;
    }

    public Tls13Suite suite() {
        return suite;
    }

    /** §4.4, §4.4.4: a post-handshake client Finished keyed from client_application_traffic_secret_N. */
    public byte[] clientFinished(byte[] transcriptHash) {
        return schedule.verifyData(client, transcriptHash);
    }

    public RecordProtection clientProtection(HandshakeContext ctx) {
        return Tls13Secrets.protection(ctx, suite, schedule, client);
    }

    public RecordProtection serverProtection(HandshakeContext ctx) {
        return Tls13Secrets.protection(ctx, suite, schedule, server);
    }

    /** §7.2: client_application_traffic_secret_N+1; returns the protection under it. */
    public RecordProtection nextClient(HandshakeContext ctx) {
        Secret next = schedule.nextApplicationTrafficSecret(client);
        client.destroy();
        client = next;
        return clientProtection(ctx);
    }

    /** §7.2: server_application_traffic_secret_N+1; returns the protection under it. */
    public RecordProtection nextServer(HandshakeContext ctx) {
        Secret next = schedule.nextApplicationTrafficSecret(server);
        server.destroy();
        server = next;
        return serverProtection(ctx);
    }
}
