package dev.xtls.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.TicketKeyFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Xtls server JVMs sharing one RFC 5077 ticket key file (-Ddev.xtls.sessionTicketKeys, re-read on every use
 * here: -Ddev.xtls.sessionTicketKeys.recheckSeconds=0), and {@code openssl s_client -sess_out/-sess_in} carrying
 * tickets between them, through a key rotation: new key first with the old one kept, then the old one removed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TicketKeyFleetIT {
    @TempDir
    Path dir;

    @Test
    void ticketsResumeAcrossJvmsAndSurviveARotationUntilTheirKeyIsRemoved() {
        Fleet fleet = new Fleet(dir);
        byte[] oldKey = TicketKeyFile.newKey();
        byte[] newKey = TicketKeyFile.newKey();
        Path keys = TicketKeyFile.write(dir.resolve("ticket.keys"), oldKey);
        Map<String, String> properties = Map.of("dev.xtls.sessionTicketKeys", keys.toString(),
                "dev.xtls.sessionTicketKeys.recheckSeconds", "0");
        Path oldTicket = dir.resolve("old-ticket.pem");
        Path newTicket = dir.resolve("new-ticket.pem");
        try (FleetServer one = fleet.server("jvm1", properties); FleetServer two = fleet.server("jvm2", properties)) {
            assertFalse(fleet.connect(one, "-sess_out", oldTicket.toString()).reused());
            assertEquals(TicketKeyFile.name(oldKey), TicketKeyFile.ticketKeyName(oldTicket), "sealed by the key");
            assertTrue(fleet.connect(two, "-sess_in", oldTicket.toString()).reused(),
                    "JVM 2 never saw the session: JVM 1's ticket resumed it");

            TicketKeyFile.write(keys, newKey, oldKey); // rotation: the new key seals, the old one still opens
            assertTrue(fleet.connect(two, "-sess_in", oldTicket.toString()).reused(), "old ticket after rotation");
            assertFalse(fleet.connect(one, "-sess_out", newTicket.toString()).reused());
            assertEquals(TicketKeyFile.name(newKey), TicketKeyFile.ticketKeyName(newTicket),
                    "after the rotation new tickets are sealed under the new key");
            assertTrue(fleet.connect(two, "-sess_in", newTicket.toString()).reused());

            TicketKeyFile.write(keys, newKey); // the old key is gone
            assertFalse(fleet.connect(two, "-sess_in", oldTicket.toString()).reused(),
                    "a ticket under a removed key gets a full handshake (RFC 5077 §3.4)");
            assertTrue(fleet.connect(two, "-sess_in", newTicket.toString()).reused());
            assertTrue(fleet.connect(one, "-sess_in", newTicket.toString()).reused());
            assertFalse(one.stderr().contains("Exception") || two.stderr().contains("Exception"),
                    one.describe() + "\n" + two.describe());
        }
    }
}
