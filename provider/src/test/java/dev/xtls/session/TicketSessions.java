package dev.xtls.session;

import dev.xtls.crypto.Secret;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.CipherSuite;
import dev.xtls.wire.ProtocolVersion;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Sessions, rings and sealers for the ticket tests. */
final class TicketSessions {
    static final long CREATED = 1_700_000_000_000L;
    static final long LIFETIME_SECONDS = 3600;

    private TicketSessions() {
    }

    /** An established TLS 1.2 session with a master secret of 48 bytes {@code fill}, created at {@link #CREATED}. */
    static SessionState established(int fill) {
        byte[] master = new byte[48];
        Arrays.fill(master, (byte) fill);
        return SessionState.initial("client.example", 4433, CREATED)
                .withNegotiated(Bytes.fromHex("0102030405"), ProtocolVersion.TLS12,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .withMasterSecret(Secret.wrap(master), true);
    }

    static TicketContents contents(SessionState session) {
        return new TicketContents(session, LIFETIME_SECONDS);
    }

    /** A ring of fixed keys, the first sealing. */
    static TicketKeyRing ringOf(SessionTicketKey... keys) {
        List<SessionTicketKey> list = List.of(keys);
        return new TicketKeyRing() {
            @Override
            public SessionTicketKey current() {
                return list.get(0);
            }

            @Override
            public Optional<SessionTicketKey> find(Bytes name) {
                return list.stream().filter(k -> k.name().equals(name)).findFirst();
            }
        };
    }

    static SessionTicketKey randomKey() {
        return SessionTicketKey.random(new SecureRandom());
    }

    /** A clock tests move by hand. */
    static final class ManualClock implements LongSupplier {
        private long now;

        ManualClock(long start) {
            now = start;
        }

        void set(long millis) {
            now = millis;
        }

        void advance(long millis) {
            now += millis;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }
}
