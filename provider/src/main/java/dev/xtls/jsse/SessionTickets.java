package dev.xtls.jsse;

import dev.xtls.crypto.TlsCrypto;
import dev.xtls.handshake.SessionStore;
import dev.xtls.handshake.SessionStore.IssuedTicket;
import dev.xtls.handshake.SessionStore.OpenedTicket;
import dev.xtls.session.FileTicketKeyRing;
import dev.xtls.session.LocalChainReference;
import dev.xtls.session.RotatingTicketKeyRing;
import dev.xtls.session.SessionState;
import dev.xtls.session.SessionTicketKey;
import dev.xtls.session.TicketContents;
import dev.xtls.session.TicketKeyRing;
import dev.xtls.session.TicketSealer;
import dev.xtls.wire.Bytes;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One SSLContext's RFC 5077 session tickets: whether each side uses them (SunJSSE's switches), and the key ring
 * and sealer its servers use. Keys are random and rotating unless a key file is named ({@value #KEY_FILE}, or
 * {@link #useKeyFile}); the same sealer protects session state sent to an external session cache.
 */
final class SessionTickets {
    static final String KEY_FILE = "dev.xtls.sessionTicketKeys";
    static final String CLIENT_SWITCH = "jdk.tls.client.enableSessionTicketExtension";
    static final String SERVER_SWITCH = "jdk.tls.server.enableSessionTicketExtension";
    /** SunJSSE's count of TLS 1.3 NewSessionTickets after a handshake: 0..10, default 1. */
    static final String TLS13_TICKET_COUNT = "jdk.tls.server.newSessionTicketCount";
    static final int DEFAULT_TLS13_TICKET_COUNT = 1;
    private static final int MAX_TLS13_TICKET_COUNT = 10;
    /** Xtls: the TLS 1.3 PSK key exchange modes, a comma list of psk_dhe_ke and psk_ke (RFC 8446 §4.2.9). */
    static final String TLS13_PSK_MODES = "dev.xtls.tls13.pskKeyExchangeModes";
    private static final List<Integer> DEFAULT_PSK_MODES = List.of(SessionStore.PSK_DHE_KE);
    /** A session timeout of 0 (never) still gets tickets that expire: a week, RFC 8446 §4.6.1's ceiling. */
    static final long MAX_LIFETIME_SECONDS = Duration.ofDays(7).toSeconds();
    /** How often, in seconds, a key file is checked for changes; 0 checks on every use (tests). */
    static final String KEY_FILE_RECHECK_SECONDS = "dev.xtls.sessionTicketKeys.recheckSeconds";
    private static final Duration KEY_FILE_RECHECK = Duration.ofSeconds(10);
    /** Where a ticket we do not use says why: the handshake trace's logger. */
    private static final System.Logger LOG = System.getLogger(HandshakeTraceLog.LOGGER);

    private final XtlsSessionContext serverSessions;
    private final LongSupplier clock;
    private volatile Supplier<TlsCrypto> crypto;
    private volatile boolean clientEnabled = true;
    private volatile boolean serverEnabled = true;
    private volatile int tls13TicketCount = DEFAULT_TLS13_TICKET_COUNT;
    private volatile List<Integer> tls13PskModes = DEFAULT_PSK_MODES;
    private volatile ActiveKeys active; // written under this; made on first use, read without a lock
    private Duration keyFileRecheck = KEY_FILE_RECHECK;

    SessionTickets(XtlsSessionContext serverSessions, LongSupplier clock) {
        this.serverSessions = serverSessions;
        this.clock = clock;
    }

    /**
     * At init, with the context's crypto: reads the switches and, if {@value #KEY_FILE} is set, loads that file now
     * (a bad one fails init). Keys already in use stay, so that tickets survive a second init.
     */
    synchronized void configure(UnaryOperator<String> properties, Supplier<TlsCrypto> contextCrypto)
            throws KeyManagementException {
        crypto = contextCrypto;
        clientEnabled = !"false".equalsIgnoreCase(properties.apply(CLIENT_SWITCH));
        serverEnabled = !"false".equalsIgnoreCase(properties.apply(SERVER_SWITCH));
        keyFileRecheck = recheckInterval(properties.apply(KEY_FILE_RECHECK_SECONDS));
        tls13TicketCount = ticketCount(properties.apply(TLS13_TICKET_COUNT));
        tls13PskModes = pskModes(properties.apply(TLS13_PSK_MODES));
        String file = properties.apply(KEY_FILE);
        if (file != null && !file.isBlank()) {
            useKeyFile(Path.of(file.trim()));
        }
    }

    private static Duration recheckInterval(String seconds) throws KeyManagementException {
        if (seconds == null || seconds.isBlank()) {
            return KEY_FILE_RECHECK;
        }
        try {
            long s = Long.parseLong(seconds.trim());
            if (s >= 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KeyManagementException(KEY_FILE_RECHECK_SECONDS + "=" + seconds
                + " is not a whole number of seconds >= 0 (default " + KEY_FILE_RECHECK.toSeconds() + ")");
    }

    /** As SunJSSE: a value outside 0..10 or not a number leaves the default. */
    private static int ticketCount(String value) {
        try {
            int n = value == null ? DEFAULT_TLS13_TICKET_COUNT : Integer.parseInt(value.trim());
            return n >= 0 && n <= MAX_TLS13_TICKET_COUNT ? n : DEFAULT_TLS13_TICKET_COUNT;
        } catch (NumberFormatException e) {
            return DEFAULT_TLS13_TICKET_COUNT;
        }
    }

    /** Unset or blank: psk_dhe_ke only; a name other than psk_dhe_ke and psk_ke fails init. */
    private static List<Integer> pskModes(String value) throws KeyManagementException {
        if (value == null || value.isBlank()) {
            return DEFAULT_PSK_MODES;
        }
        List<Integer> modes = new ArrayList<>();
        for (String name : value.split(",")) {
            int mode = switch (name.trim()) {
                case "psk_dhe_ke" -> SessionStore.PSK_DHE_KE;
                case "psk_ke" -> SessionStore.PSK_KE;
                default -> throw new KeyManagementException(TLS13_PSK_MODES + "=" + value + ": \"" + name.trim()
                        + "\" is neither psk_dhe_ke nor psk_ke (RFC 8446 §4.2.9)");
            };
            if (!modes.contains(mode)) {
                modes.add(mode);
            }
        }
        return List.copyOf(modes);
    }

    List<Integer> tls13PskModes() {
        return tls13PskModes;
    }

    int tls13TicketCount() {
        return tls13TicketCount;
    }

    boolean enabled(boolean client) {
        return client ? clientEnabled : serverEnabled;
    }

    /** From now on the keys come from {@code file} (first seals, all open), re-read when it changes. */
    synchronized void useKeyFile(Path file) throws KeyManagementException {
        if (crypto == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        TicketKeyRing ring = new FileTicketKeyRing(file, crypto.get(), clock, keyFileRecheck);
        active = new ActiveKeys(ring, new TicketSealer(crypto.get(), ring, clock));
    }

    /** Every ticket issued or opened asks: after the first, a volatile read, no lock shared by all connections. */
    private ActiveKeys active() {
        ActiveKeys a = active;
        if (a == null) {
            synchronized (this) {
                a = active;
                if (a == null) {
                    TicketKeyRing ring = RotatingTicketKeyRing.forLifetime(crypto.get().random(), clock,
                            Duration.ofSeconds(lifetimeSeconds()));
                    a = new ActiveKeys(ring, new TicketSealer(crypto.get(), ring, clock));
                    active = a;
                }
            }
        }
        return a;
    }

    private TicketSealer sealer() {
        return active().sealer();
    }

    private TicketKeyRing keys() {
        return active().keys();
    }

    /** The key ring in use and the sealer over it, replaced together. */
    private record ActiveKeys(TicketKeyRing keys, TicketSealer sealer) {
    }

    /** The server session timeout, as RFC 5077 §3.3's lifetime; never unbounded. */
    long lifetimeSeconds() {
        int timeout = serverSessions.getSessionTimeout();
        return timeout == 0 ? MAX_LIFETIME_SECONDS : Math.min(timeout, MAX_LIFETIME_SECONDS);
    }

    /** A ticket for {@code session}, its hint what remains of its lifetime; empty when it would not fit. */
    Optional<IssuedTicket> issue(SessionState session) {
        long lifetime = lifetimeSeconds();
        long remaining = lifetime - Math.max(0, clock.getAsLong() - session.creationTimeMillis()) / 1000;
        if (remaining <= 0) {
            return Optional.empty();
        }
        return seal(session, lifetime).map(t -> new IssuedTicket(remaining, Bytes.wrap(t)));
    }

    /**
     * What {@code ticket} carries, seen from the connection to {@code peerHost:peerPort}, our chain looked up in
     * {@code ourChains} (the key manager's getCertificateChain); empty when it does not open or names a chain we no
     * longer have.
     */
    Optional<OpenedTicket> open(Bytes ticket, String peerHost, int peerPort,
            Function<String, X509Certificate[]> ourChains) {
        byte[] t = ticket.toByteArray();
        // RFC 5077 §5.5: a ticket under a key that no longer seals is replaced (its name leads the ticket)
        return sealer().open(t).flatMap(c -> withOurChain(c, peerHost, peerPort, ourChains)).map(s ->
                new OpenedTicket(s, !keys().current().name().equals(
                        Bytes.wrap(Arrays.copyOf(t, SessionTicketKey.NAME_LENGTH)))));
    }

    /** A session sealed by {@link #seal}, seen from the connection to {@code peerHost:peerPort}; empty if it won't open. */
    Optional<SessionState> openSealed(byte[] sealed, String peerHost, int peerPort,
            Function<String, X509Certificate[]> ourChains) {
        return sealer().open(sealed).flatMap(c -> withOurChain(c, peerHost, peerPort, ourChains));
    }

    /** The opened session with the chain its reference names now; empty, and said at DEBUG, when there is none. */
    private static Optional<SessionState> withOurChain(TicketContents contents, String peerHost, int peerPort,
            Function<String, X509Certificate[]> ourChains) {
        LocalChainReference reference = contents.localChain();
        if (reference == null) {
            return Optional.of(contents.toSessionState(peerHost, peerPort, List.of()));
        }
        LocalChainReference.Resolution ours = reference.resolve(ourChains);
        if (!ours.resolved()) {
            contents.session().masterSecret().destroy();
            LOG.log(System.Logger.Level.DEBUG, () -> "session ticket not used, full handshake: " + ours.refusal());
            return Optional.empty();
        }
        return Optional.of(contents.toSessionState(peerHost, peerPort, ours.chain()));
    }

    /** {@code session} sealed for a store outside the JVM (RFC 5077 §4 format), or empty if it would not fit. */
    Optional<byte[]> seal(SessionState session, long lifetimeSeconds) {
        return sealer().seal(new TicketContents(session, lifetimeSeconds));
    }
}
