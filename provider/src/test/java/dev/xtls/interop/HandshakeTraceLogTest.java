package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each handshake's trace goes to System.Logger "dev.xtls.handshake" at DEBUG (java.util.logging FINE here) when it
 * completes, and when it fails with the partial trace and the failure; nothing when DEBUG is off.
 */
class HandshakeTraceLogTest {
    private static TestPki pki;
    private final Logger jul = Logger.getLogger("dev.xtls.handshake");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @BeforeEach
    void capture() {
        before = jul.getLevel();
        jul.addHandler(handler);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
        jul.setLevel(before);
    }

    private List<String> messages() {
        return records.stream().filter(r -> r.getLevel() == Level.FINE).map(LogRecord::getMessage).toList();
    }

    @Test
    void aCompletedHandshakeIsLoggedAtDebugAsTheEngineReturnsIt() {
        jul.setLevel(Level.FINE);
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256());
        EnginePair.of(client, server, EnginePair.Mode.NORMAL).handshake();
        assertEquals(List.of(Xtls.handshakeTrace(client).orElseThrow()), messages());
    }

    @Test
    void aFailedHandshakeIsLoggedWithThePartialTraceAndTheFailure() {
        jul.setLevel(Level.FINE);
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.untrusted());
        EnginePair.builder(client, server).lenient().build().expectHandshakeFailure();
        List<String> logged = messages();
        assertEquals(1, logged.size(), logged.toString());
        String trace = logged.get(0);
        assertTrue(trace.contains("<--------         Certificate*\n") && trace.lines().anyMatch(l -> l.matches(" *result: +failed: .*"))
                && trace.contains("no trusted certificate authority issued it") && trace.contains("(unknown_ca sent)"),
                trace);
        assertTrue(!trace.contains("ServerHelloDone"), "the client stopped at the server's certificate: " + trace);
    }

    @Test
    void nothingIsLoggedWhenDebugIsOff() {
        jul.setLevel(Level.INFO);
        SSLEngine client = Peer.XTLS.engine(Role.CLIENT, pki, null);
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.ecdsaP256());
        EnginePair.of(client, server, EnginePair.Mode.NORMAL).handshake();
        assertEquals(List.of(), messages());
        assertTrue(Xtls.handshakeTrace(client).isPresent(), "the engine still has its trace");
    }
}
