package dev.xtls.handshake;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.Secret;
import dev.xtls.keys.KeyBlock;
import dev.xtls.keys.Tls12KeySchedule;
import dev.xtls.record.AeadProtection;
import dev.xtls.record.RecordProtection;
import dev.xtls.wire.Bytes;

/** From the premaster secret to the two directions' record protection and the Finished values. */
public final class Tls12Secrets {
    private Tls12Secrets() {
    }

    /** Both directions' protection, derived from one key block (RFC 5246 §6.3). */
    public record TrafficProtection(RecordProtection clientWrite, RecordProtection serverWrite) {
    }

    /**
     * master_secret (RFC 5246 §8.1), or the extended master secret over the session hash, which must be taken
     * right after ClientKeyExchange (RFC 7627 §4). The premaster is wiped.
     */
    public static Secret masterSecret(HandshakeContext ctx, SuiteSpec suite, byte[] premaster, Bytes clientRandom,
            Bytes serverRandom, boolean extended) {
        Secret pms = Secret.wrap(premaster);
        try {
            if (extended) {
                byte[] sessionHash = ctx.transcript().hash(ctx.crypto(), suite.prfHash());
                return Tls12KeySchedule.extendedMasterSecret(ctx.crypto(), suite.prfHash(), pms, sessionHash);
            }
            return Tls12KeySchedule.masterSecret(ctx.crypto(), suite.prfHash(), pms, clientRandom.toByteArray(),
                    serverRandom.toByteArray());
        } finally {
            pms.destroy();
        }
    }

    public static TrafficProtection trafficProtection(HandshakeContext ctx, SuiteSpec suite, Secret master,
            Bytes clientRandom, Bytes serverRandom) {
        BulkCipher cipher = suite.cipher();
        KeyBlock block = Tls12KeySchedule.keyBlock(ctx.crypto(), suite.prfHash(), master,
                clientRandom.toByteArray(), serverRandom.toByteArray(), 0, cipher.keyLength(),
                cipher.fixedIvLength());
        RecordProtection client = aeadProtection(ctx, cipher, block.clientWriteKey(), block.clientFixedIv());
        RecordProtection server = aeadProtection(ctx, cipher, block.serverWriteKey(), block.serverFixedIv());
        block.destroy();
        return new TrafficProtection(client, server);
    }

    private static RecordProtection aeadProtection(HandshakeContext ctx, BulkCipher cipher, Secret key, byte[] iv) {
        byte[] k = key.reveal();
        try {
            return new AeadProtection(ctx.crypto().aead(cipher, k), iv);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** verify_data over the transcript so far (RFC 5246 §7.4.9). */
    public static byte[] verifyData(HandshakeContext ctx, SuiteSpec suite, Secret master, boolean fromClient) {
        byte[] hash = ctx.transcript().hash(ctx.crypto(), suite.prfHash());
        return Tls12KeySchedule.verifyData(ctx.crypto(), suite.prfHash(), master, fromClient, hash);
    }
}
