package dev.xtls.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.jca.JcaTlsCrypto;
import dev.xtls.session.SessionTicketKey;
import dev.xtls.session.TicketContents;
import dev.xtls.session.TicketFuzzAccess;
import dev.xtls.session.TicketKeyRing;
import dev.xtls.session.TicketSealer;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Session tickets come from the client (RFC 5077 §4, RFC 8446 §4.6.1). The first input byte picks the path:
 * the sealer opening the rest as a ticket; the state codec decoding it directly; or the sealer opening it as the
 * state of a ticket sealed under the server's own key (a stolen key, or a codec bug on our side). The sealer must
 * answer with a session or none, the codec only with a {@link TlsException}.
 */
class TicketFuzzTest {
    private static final TlsCrypto CRYPTO = new JcaTlsCrypto(new SecureRandom());
    private static final byte[] KEY_ENTRY = new byte[SessionTicketKey.FILE_KEY_LENGTH];
    private static final SessionTicketKey KEY = SessionTicketKey.fromKeyFileEntry(KEY_ENTRY, CRYPTO);
    private static final TicketKeyRing RING = new TicketKeyRing() {
        @Override
        public SessionTicketKey current() {
            return KEY;
        }

        @Override
        public Optional<SessionTicketKey> find(Bytes name) {
            return KEY.name().equals(name) ? Optional.of(KEY) : Optional.empty();
        }
    };
    /** Before every creation time the seeds hold, so that a decoded session is not dropped as expired. */
    private static final long NOW = 0;

    @FuzzTest(maxDuration = "2m")
    void tickets(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        TicketSealer sealer = new TicketSealer(CRYPTO, RING, () -> NOW);
        switch (input[0] & 3) {
            case 0 -> sealer.open(rest).ifPresent(TicketFuzzTest::destroy);
            case 1 -> {
                try {
                    destroy(TicketFuzzAccess.decodeState(rest));
                } catch (TlsException expected) {
                    assertTrue(expected.alert() != null);
                }
            }
            default -> sealer.open(sealedState(rest)).ifPresent(TicketFuzzTest::destroy);
        }
    }

    /** A ticket as {@link TicketSealer} lays it out, holding {@code state} sealed under the ring's key. */
    static byte[] sealedState(byte[] state) {
        int header = TicketFuzzAccess.headerLength();
        byte[] name = KEY.name().toByteArray();
        byte[] nonce = new byte[header - name.length];
        byte[] ticket = new byte[header + state.length + 16];
        System.arraycopy(name, 0, ticket, 0, name.length);
        TicketFuzzAccess.aead(KEY, CRYPTO).seal(nonce, name, ByteBuffer.wrap(state),
                ByteBuffer.wrap(ticket, header, ticket.length - header));
        return ticket;
    }

    private static void destroy(TicketContents contents) {
        contents.session().masterSecret().destroy();
    }
}
