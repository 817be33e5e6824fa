package dev.xtls.handshake.tls13;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.Secret;
import dev.xtls.crypto.TranscriptHash;
import dev.xtls.handshake.HandshakeContext;
import dev.xtls.keys.Tls13KeySchedule;

/**
 * A resumption PSK's binder (RFC 8446 §4.2.11.2): a Finished-style HMAC under the "res binder" key over the
 * transcript so far (message_hash and HelloRetryRequest after a retry) and the ClientHello without its binders.
 */
public final class PskBinder {
    private PskBinder() {
    }

    /** {@code bindersLength}: the encoded binders list's length, prefix included, at the end of {@code hello}. */
    public static byte[] compute(HandshakeContext ctx, HashAlgorithm hash, Secret psk, byte[] encodedHello,
            int bindersLength) {
        Tls13KeySchedule schedule = new Tls13KeySchedule(ctx.crypto(), hash);
        TranscriptHash transcript = ctx.crypto().newTranscriptHash(hash);
        transcript.update(ctx.transcript().messages());
        transcript.update(encodedHello, 0, encodedHello.length - bindersLength);
        Secret early = schedule.earlySecret(psk);
        Secret binderKey = schedule.binderKey(early, Tls13KeySchedule.PskKind.RESUMPTION);
        early.destroy();
        try {
            return schedule.binder(binderKey, transcript.current());
        } finally {
            binderKey.destroy();
        }
    }
}
