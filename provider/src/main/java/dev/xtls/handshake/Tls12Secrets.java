package dev.xtls.handshake;

import dev.xtls.crypto.BulkCipher;
import dev.xtls.crypto.Secret;
import dev.xtls.keys.KeyBlock;
import dev.xtls.keys.Tls12KeySchedule;
import dev.xtls.record.AeadProtection;
import dev.xtls.record.CbcProtection;
import dev.xtls.record.RecordProtection;
import dev.xtls.wire.Bytes;
import java.util.Arrays;

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

    /**
     * {@code encryptThenMac} applies to CBC suites only (RFC 7366 §3). Every TLS 1.2 handshake, full or resumed,
     * comes here once with its randoms, which the connection's exporter also needs (RFC 5705 §4).
     */
    public static TrafficProtection trafficProtection(HandshakeContext ctx, SuiteSpec suite, Secret master,
            Bytes clientRandom, Bytes serverRandom, boolean encryptThenMac) {
        ctx.tls12ExporterInputs(suite.prfHash(), clientRandom, serverRandom);
        ctx.logSecret("CLIENT_RANDOM", master); // NSS key log: the master secret, full handshake or resumed
        BulkCipher cipher = suite.cipher();
        int macLength = suite.isCbc() ? suite.macHash().outputLength() : 0;
        KeyBlock block = Tls12KeySchedule.keyBlock(ctx.crypto(), suite.prfHash(), master,
                clientRandom.toByteArray(), serverRandom.toByteArray(), macLength, cipher.keyLength(),
                cipher.fixedIvLength());
        try {
            return new TrafficProtection(
                    protection(ctx, suite, encryptThenMac, block.clientMacKey(), block.clientWriteKey(),
                            block.clientFixedIv()),
                    protection(ctx, suite, encryptThenMac, block.serverMacKey(), block.serverWriteKey(),
                            block.serverFixedIv()));
        } finally {
            block.destroy();
        }
    }

    private static RecordProtection protection(HandshakeContext ctx, SuiteSpec suite, boolean encryptThenMac,
            Secret macKey, Secret key, byte[] iv) {
        byte[] k = key.reveal();
        byte[] m = suite.isCbc() ? macKey.reveal() : null;
        try {
            if (!suite.isCbc()) {
                return new AeadProtection(ctx.crypto().aead(suite.cipher(), k), iv);
            }
            return new CbcProtection(ctx.crypto().cbc(suite.cipher(), k), ctx.crypto().hmac(suite.macHash(), m),
                    encryptThenMac, ctx.crypto().random());
        } finally {
            Arrays.fill(k, (byte) 0);
            if (m != null) {
                Arrays.fill(m, (byte) 0);
            }
        }
    }

    /** verify_data over the transcript so far (RFC 5246 §7.4.9). */
    public static byte[] verifyData(HandshakeContext ctx, SuiteSpec suite, Secret master, boolean fromClient) {
        byte[] hash = ctx.transcript().hash(ctx.crypto(), suite.prfHash());
        return Tls12KeySchedule.verifyData(ctx.crypto(), suite.prfHash(), master, fromClient, hash);
    }
}
