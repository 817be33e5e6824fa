package dev.xtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.wire.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5746 §3.5-3.7: the renegotiated_connection values of the previous handshake's Finished messages. An idle
 * connection keeps them as one value, the server's (client_verify_data then server_verify_data), not two copies.
 */
class RenegotiationContextTest {

    @Test
    void keepsBothVerifyDataAsTheServersValue() {
        Bytes client = Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Bytes server = Bytes.of(new byte[] {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        RenegotiationContext c = RenegotiationContext.after(client, server, List.of(), true, true, 5, 1);

        assertEquals(client, c.clientHelloInfo());
        assertEquals(Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                30, 31, 32}), c.serverHelloInfo());
        assertSame(c.serverHelloInfo(), c.serverHelloInfo(), "kept, not made per call");
        assertSame(c.serverHelloInfo(), c.countPeerInitiated(6).serverHelloInfo());
        assertEquals(Bytes.EMPTY, RenegotiationContext.INITIAL.clientHelloInfo());
        assertEquals(Bytes.EMPTY, RenegotiationContext.INITIAL.serverHelloInfo());
    }
}
