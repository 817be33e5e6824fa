package dev.xtls.handshake.tls13;

import dev.xtls.handshake.HandshakeContext;
import dev.xtls.message.KeyUpdate;
import dev.xtls.record.RawHandshakeMessage;

/** Post-handshake messages both sides of an established TLS 1.3 connection handle the same way (RFC 8446 §4.6). */
public final class PostHandshake {
    private PostHandshake() {
    }

    /**
     * RFC 8446 §4.6.3: the peer's next record is under its next application traffic secret; if it asked for an
     * update, we answer with a KeyUpdate under our current key and switch ours after it.
     */
    public static void keyUpdate(HandshakeContext ctx, ApplicationSecrets secrets, boolean weAreClient,
            RawHandshakeMessage message) {
        KeyUpdate update = KeyUpdate.decode(message.body());
        ctx.output().installReadProtection(weAreClient ? secrets.nextServer(ctx) : secrets.nextClient(ctx));
        if (update.request() == KeyUpdate.Request.UPDATE_REQUESTED) {
            // not in the transcript: it is released after the handshake, and §4.4.1 ends it at Finished
            ctx.output().handshakeMessage(KeyUpdate.NOT_REQUESTED.encode());
            ctx.output().installWriteProtection(weAreClient ? secrets.nextClient(ctx) : secrets.nextServer(ctx));
        }
    }

    /**
     * §4.6.3: the application asked for new keys: KeyUpdate(update_requested) under the current key, ours switch
     * after it, and the peer answers with its own.
     */
    public static void requestKeyUpdate(HandshakeContext ctx, ApplicationSecrets secrets, boolean weAreClient) {
        ctx.output().handshakeMessage(KeyUpdate.REQUESTED.encode());
        ctx.output().installWriteProtection(weAreClient ? secrets.nextClient(ctx) : secrets.nextServer(ctx));
    }
}
