package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.api.Xtls;
import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.TicketKeyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "session" line of an Xtls server's handshake trace names the way the session was actually resumed (by id,
 * RFC 5246 §7.3, or by ticket, RFC 5077 §3.4), against a SunJSSE client that offers the session_ticket extension in
 * TLS 1.2.
 */
class ResumptionTraceLabelTest {
    private static final String BY_ID = "resumed by session id (RFC 5246 §7.3)";
    private static final String BY_TICKET = "resumed by ticket (RFC 5077)";
    private static TestPki pki;
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }


    private static EnginePair connect(SSLContext client, SSLContext server) {
        EnginePair pair = EnginePair.of(Peer.engine(client, Role.CLIENT), Peer.engine(server, Role.SERVER),
                EnginePair.Mode.NORMAL);
        pair.handshake();
        pair.transfer("ping".getBytes(StandardCharsets.US_ASCII), "pong".getBytes(StandardCharsets.US_ASCII));
        pair.closeBoth();
        return pair;
    }

    private static String sessionLine(EnginePair pair) {
        return Xtls.handshakeTrace(pair.engine(Role.SERVER)).orElseThrow().lines()
                .filter(l -> l.trim().startsWith("session:")).findFirst().orElseThrow().trim()
                .substring("session:".length()).trim();
    }

    private static boolean resumed(EnginePair pair) {
        return !PlaintextHandshake.of(pair.records(Role.SERVER)).has(PlaintextHandshake.CERTIFICATE);
    }

    // A server that issues tickets caches no session by id (as SunJSSE 17), so a resumption by id needs a server
    // with tickets off; SunJSSE's client still offers the (empty) session_ticket extension beside the id.
    @Test
    void aResumptionByIdWhileTheClientOffersTheTicketExtensionIsLabelledById() {
        SSLContext client = Peer.SUN.context(pki);
        SSLContext server = Peer.XTLS.contextWithoutTickets(pki, pki.ecdsaP256());
        connect(client, server);
        EnginePair second = connect(client, server);
        assertTrue(resumed(second), "the server resumes by the cached session id");
        assertEquals(BY_ID, sessionLine(second));
    }

    @Test
    void aTicketTheServerOpensIsLabelledByTicket() throws Exception {
        Path keys = TicketKeyFiles.withNewKey(dir);
        SSLContext client = Peer.SUN.context(pki);
        SSLContext issuing = Peer.XTLS.context(pki, pki.ecdsaP256());
        Xtls.useSessionTicketKeys(issuing, keys);
        SSLContext resuming = Peer.XTLS.context(pki, pki.ecdsaP256()); // has never seen the session id
        Xtls.useSessionTicketKeys(resuming, keys);
        connect(client, issuing);
        EnginePair second = connect(client, resuming);
        assertTrue(resumed(second), "the server resumes from the ticket alone");
        assertEquals(BY_TICKET, sessionLine(second));
    }
}
